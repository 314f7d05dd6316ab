import { compileForm } from '../compile/compile-form';
import { collateralRow, loanDefinition, validApplication } from '../test-support/loan-application';

const form = compileForm(loanDefinition());
const now = '2026-11-23T08:00:00Z';

describe('evaluating a form for the renderer', () => {
  it('gives every field its state and the amount in Chinese capitals', () => {
    const state = form.evaluate({ ...validApplication(), loanAmount: '1234.56' }, { role: 'account_manager', now });
    expect(state.fields.loanAmount).toEqual({
      visible: true,
      required: true,
      readonly: false,
      permission: 'write',
      capitals: '壹仟贰佰叁拾肆元伍角陆分',
    });
    expect(state.fields.companyName).toMatchObject({ visible: false, required: false });
    expect(state.fields.purpose!.options!.map((option) => option.value)).toEqual(['consumption', 'business', 'mortgage']);
    expect(state.fields.note).toMatchObject({ visible: true, readonly: false });
  });

  it('derives birth date, sex and age from a resident ID number', () => {
    const state = form.evaluate({ ...validApplication(), idNumber: '11010519491231002X' }, { now });
    expect(state.fields.idNumber!.residentId).toEqual({ regionCode: '110105', birthDate: '1949-12-31', sex: 'female', age: 76 });
    expect(form.evaluate({ ...validApplication(), idNumber: '110105194912310021' }, { now }).fields.idNumber!.residentId).toBeUndefined();
  });

  it('shows conditional fields and subform rows as the data changes', () => {
    const state = form.evaluate(
      { ...validApplication(), applicantType: 'business', loanAmount: '900000', collaterals: [collateralRow('500000'), { kind: 'vehicle' }] },
      { role: 'account_manager', now },
    );
    expect(state.fields.companyName).toMatchObject({ visible: true, required: true });
    expect(state.fields.collateralRequired).toMatchObject({ visible: true, readonly: true });
    expect(state.data.collateralRequired).toBe(true);
    expect(state.data.collateralTotal).toBe('500000.00');
    expect(state.fields.collateralTotal!.capitals).toBe('伍拾万元整');
    expect(state.fields['collaterals[0].plate']).toMatchObject({ visible: false });
    expect(state.fields['collaterals[1].plate']).toMatchObject({ visible: true, required: true });
  });

  it('folds the audience’s permission into visibility, read-only state and requiredness', () => {
    const manager = form.evaluate(validApplication(), { role: 'account_manager', now });
    expect(manager.fields.riskRating).toMatchObject({ visible: false, required: false, permission: 'hidden' });
    const riskOfficer = form.evaluate(validApplication(), { role: 'risk_officer', now });
    expect(riskOfficer.fields.riskRating).toMatchObject({ visible: true, required: true, readonly: false, permission: 'write' });
    expect(riskOfficer.fields.loanAmount).toMatchObject({ visible: true, required: false, readonly: true, permission: 'read' });
  });

  it('offers options computed by a rule', () => {
    const definition = loanDefinition();
    const purpose = definition.fields.find((field) => field.key === 'purpose')!;
    delete purpose.options;
    purpose.optionsRule = {
      if: [{ '==': [{ var: 'applicantType' }, 'business'] }, ['business', 'consumption'], ['consumption']],
    };
    const dynamic = compileForm(definition);
    expect(dynamic.evaluate(validApplication()).fields.purpose!.options).toEqual([{ value: 'consumption', label: { 'zh-CN': 'consumption', en: 'consumption' } }]);
    expect(dynamic.validate({ ...validApplication(), purpose: 'business' }, { role: 'account_manager', now, locale: 'en' }).errors).toEqual([
      { path: 'purpose', code: 'option.invalid', message: 'Purpose has an option that is not offered' },
    ]);
    expect(dynamic.validate({ ...validApplication(), applicantType: 'business', companyName: '张记', companyUscc: '91350100M000100Y43', purpose: 'business' }, { role: 'account_manager', now }).valid).toBe(true);
  });

  it('starts a new record with defaults, rule defaults and the minimum subform rows', () => {
    const definition = loanDefinition();
    definition.fields.find((field) => field.key === 'startDate')!.defaultRule = { now: [] };
    const collaterals = definition.fields.find((field) => field.key === 'collaterals')!;
    collaterals.fields!.find((field) => field.key === 'kind')!.default = 'property';
    const withDefaults = compileForm(definition);
    expect(withDefaults.initialData({ applicantName: '李娜', applicantType: null }, { now: '2026-11-23' })).toEqual({
      applicantName: '李娜',
      applicantType: 'individual',
      annualRate: 4.35,
      startDate: '2026-11-23',
      collaterals: [{ kind: 'property' }],
    });
  });
});

describe('evaluating a form whose rule fails', () => {
  const label = (en: string) => ({ 'zh-CN': en, en });
  const fragile = compileForm({
    key: 'fragile',
    version: 1,
    title: label('Fragile'),
    fields: [
      { key: 'amount', type: 'money', label: label('Amount') },
      { key: 'parts', type: 'integer', label: label('Parts') },
      { key: 'share', type: 'computed', label: label('Share'), resultType: 'money', rule: { 'money/': [{ var: 'amount' }, { var: 'parts' }] } },
    ],
  });

  it('marks the field with the rule error and leaves the value empty', () => {
    const state = fragile.evaluate({ amount: '10.00', parts: 0 }, { locale: 'en' });
    expect(state.data).toEqual({ amount: '10.00', parts: 0 });
    expect(state.fields.share!.error).toMatchObject({ path: 'share', code: 'rule.error' });
    expect(state.fields.amount!.error).toBeUndefined();
  });
});
