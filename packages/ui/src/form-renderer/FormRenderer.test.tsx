import { renderToStaticMarkup } from 'react-dom/server';
import type { FormDefinition } from '../form-model/form-definition';
import { compileForm } from '@tessera/forms';
import { FormRenderer, fixableErrors, sameFieldState } from './FormRenderer';

const loan: FormDefinition = {
  key: 'loan',
  version: 1,
  title: { 'zh-CN': '贷款申请', en: 'Loan application' },
  permissions: { roles: { account_manager: 'write', credit_officer: 'read' } },
  fields: [
    { key: 'name', type: 'text', label: { 'zh-CN': '姓名', en: 'Name' }, required: true },
    { key: 'mobile', type: 'mobile', label: { 'zh-CN': '手机号', en: 'Mobile' }, mask: 'mobile' },
    { key: 'amount', type: 'money', label: { 'zh-CN': '金额', en: 'Amount' }, currency: 'CNY', precision: 2 },
    { key: 'business', type: 'switch', label: { 'zh-CN': '经营用途', en: 'For business' } },
    { key: 'company', type: 'text', label: { 'zh-CN': '企业名称', en: 'Company' }, visible: { '==': [{ var: 'business' }, true] } },
    { key: 'internalScore', type: 'integer', label: { 'zh-CN': '内部评分', en: 'Internal score' }, permissions: { roles: { credit_officer: 'hidden' } } },
  ],
};

const data = { name: '张三', mobile: '13812341234', amount: '500000', business: false, internalScore: 80 };

function render(role: string, values = data) {
  return renderToStaticMarkup(<FormRenderer form={loan} initialData={values} locale="zh-CN" role={role} />);
}

describe('the form renderer', () => {
  it('shows writable fields as inputs with the required mark for the writer', () => {
    const html = render('account_manager');
    expect(html).toContain('data-field="name" data-readonly="false"');
    expect(html).toMatch(/renderer-required">\*<\/span>姓名/);
  });

  it('shows a reader every visible field read-only, masked as the engine projects it', () => {
    const html = render('credit_officer');
    expect(html).toContain('data-field="mobile" data-readonly="true"');
    expect(html).toContain('138****1234');
    expect(html).not.toContain('13812341234');
    expect(html).toContain('¥500,000.00');
  });

  it('leaves out fields hidden from the role and fields whose rule hides them', () => {
    expect(render('credit_officer')).not.toContain('内部评分');
    expect(render('account_manager')).toContain('内部评分');
    expect(render('account_manager')).not.toContain('企业名称');
    expect(render('account_manager', { ...data, business: true })).toContain('企业名称');
  });

  it('writes a money amount in Chinese capitals beside the figure', () => {
    expect(render('account_manager')).toContain('大写：伍拾万元整');
  });

  it('asks the reader to fix only what they can write, not the masked values they were sent', () => {
    const readerForm = { ...loan, fields: loan.fields.map((field) => (field.key === 'mobile' ? { ...field, permissions: { roles: { account_manager: 'read' as const } } } : field)) };
    const compiled = compileForm(readerForm);
    const entered = { ...data, mobile: '138****1234', name: '' };
    const audience = { role: 'account_manager', locale: 'zh-CN' as const };
    const result = compiled.validate(entered, audience);
    expect(result.errors.map((error) => error.path).sort()).toEqual(['mobile', 'name']);
    const state = compiled.evaluate(entered, audience);
    expect(fixableErrors(result, state, false).map((error) => error.path)).toEqual(['name']);
    expect(fixableErrors(result, state, true)).toEqual([]);
  });

  it('lists every problem of an invalid definition instead of failing', () => {
    const broken = { ...loan, fields: [{ key: 'a', type: 'nonsense', label: { 'zh-CN': 'A', en: 'A' } }] } as unknown as FormDefinition;
    const html = renderToStaticMarkup(<FormRenderer form={broken} locale="en" />);
    expect(html).toContain('The form definition is invalid and cannot be shown');
    expect(html).toContain('fields[0]');
  });

  it('keeps a field whose evaluation shows the same thing, and redraws one whose rules changed it', () => {
    const compiled = compileForm(loan);
    const audience = { role: 'account_manager', locale: 'zh-CN' as const };
    const before = compiled.evaluate(data, audience);
    const typed = compiled.evaluate({ ...data, name: '张三丰' }, audience);
    const switched = compiled.evaluate({ ...data, business: true }, audience);
    // Each evaluation builds new state objects; what the field shows is what decides.
    expect(typed.fields.mobile).not.toBe(before.fields.mobile);
    expect(sameFieldState(before.fields.mobile, typed.fields.mobile)).toBe(true);
    expect(sameFieldState(before.fields.company, switched.fields.company)).toBe(false);
    expect(sameFieldState(before.fields.amount, compiled.evaluate({ ...data, amount: '600000' }, audience).fields.amount)).toBe(false);
    expect(sameFieldState(before.fields.name, { ...before.fields.name!, required: false })).toBe(false);
  });

  it('draws an empty text area two rows high without measuring it, and lets one with text size itself', () => {
    const notes: FormDefinition = { ...loan, fields: [{ key: 'notes', type: 'textarea', label: { 'zh-CN': '备注', en: 'Notes' } }] };
    const empty = renderToStaticMarkup(<FormRenderer form={notes} locale="zh-CN" />);
    expect(empty).toMatch(/<textarea[^>]*rows="2"[^>]*style="resize:none"/);
    const filled = renderToStaticMarkup(<FormRenderer form={notes} initialData={{ notes: '第一行\n第二行\n第三行' }} locale="zh-CN" />);
    expect(filled).toContain('第一行');
    expect(filled).not.toMatch(/<textarea[^>]*rows="2"/);
  });
});
