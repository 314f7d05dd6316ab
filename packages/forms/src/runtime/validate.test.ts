import { compileForm } from '../compile/compile-form';
import { collateralRow, loanDefinition, validApplication } from '../test-support/loan-application';

const form = compileForm(loanDefinition());
const now = '2026-11-23T08:00:00Z';
const asManager = { role: 'account_manager', now, locale: 'en' as const };

describe('validating a submission', () => {
  it('accepts a complete application and returns it cleaned, with computed fields filled', () => {
    const result = form.validate({ ...validApplication(), homePhone: '', email: null }, asManager);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.data).toEqual({ ...validApplication(), collateralRequired: false, collateralTotal: '0.00' });
  });

  it('names each missing required field in the chosen language', () => {
    const { mobile: _mobile, loanAmount: _amount, ...incomplete } = validApplication();
    expect(form.validate(incomplete, asManager).errors).toEqual([
      { path: 'mobile', code: 'required', message: 'Mobile is required' },
      { path: 'loanAmount', code: 'required', message: 'Loan amount is required' },
    ]);
    expect(form.validate(incomplete, { ...asManager, locale: 'zh-CN' }).errors.map((error) => error.message)).toEqual([
      '请填写手机号码',
      '请填写贷款金额',
    ]);
  });

  it('writes zh-CN messages unless told otherwise', () => {
    const { errors } = form.validate({ ...validApplication(), mobile: '12345' }, { role: 'account_manager', now });
    expect(errors).toEqual([{ path: 'mobile', code: 'mobile.format', message: '手机号码不是有效的手机号码' }]);
  });

  it('requires conditionally visible fields only when they are shown', () => {
    expect(form.validate({ ...validApplication(), applicantType: 'business' }, asManager).errors.map((error) => error.path)).toEqual([
      'companyName',
      'companyUscc',
    ]);
    expect(form.validate(validApplication(), asManager).valid).toBe(true);
  });

  it('strips fields hidden by their visibility rule', () => {
    const result = form.validate({ ...validApplication(), companyName: '张记面馆', companyUscc: 'not checked' }, asManager);
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('companyName');
    expect(result.data).not.toHaveProperty('companyUscc');
  });

  it('asks for collateral rows once the loan is large enough, and checks every row', () => {
    const large = { ...validApplication(), loanAmount: '800000.00' };
    expect(form.validate(large, asManager).errors).toEqual([
      { path: 'collaterals', code: 'subform.minRows', message: 'Collateral needs at least 1 rows' },
    ]);
    const rows = [collateralRow('300000.00'), { kind: 'vehicle', value: '150000.00' }, { kind: 'deposit', value: '12.345' }];
    expect(form.validate({ ...large, collaterals: rows }, asManager).errors).toEqual([
      { path: 'collaterals[1].plate', code: 'required', message: 'Plate is required' },
      { path: 'collaterals[2].value', code: 'money.precision', message: 'Appraised value allows at most 2 decimal places' },
    ]);
  });

  it('runs validation rules with their own bilingual message', () => {
    const application = { ...validApplication(), loanAmount: '800000.00', collaterals: [collateralRow('300000.00')] };
    expect(form.validate(application, asManager).errors).toEqual([
      { path: 'collaterals', code: 'collateral.insufficient', message: 'collateral must be worth at least 50% of the loan' },
    ]);
    expect(form.validate(application, { ...asManager, locale: 'zh-CN' }).errors[0]!.message).toBe('抵押物总值不得低于贷款金额的 50%');
    const enough = { ...application, collaterals: [collateralRow('300000.00'), collateralRow('100000.00', 2)] };
    const result = form.validate(enough, asManager);
    expect(result.valid).toBe(true);
    expect(result.data.collateralTotal).toBe('400000.00');
    expect(result.data.collateralRequired).toBe(true);
  });

  it('drops the collateral rows when the loan no longer needs them', () => {
    const result = form.validate({ ...validApplication(), collaterals: [collateralRow('1.00')] }, asManager);
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('collaterals');
  });

  it('checks ages against the moment given, not the clock', () => {
    const application = validApplication();
    expect(form.validate(application, { ...asManager, now: '2054-03-14' }).errors).toEqual([
      { path: 'idNumber', code: 'residentId.maxAge', message: 'the holder of Resident ID number must be at most 65 years old' },
    ]);
    expect(form.validate(application, { ...asManager, now: '2054-03-13' }).valid).toBe(true);
  });

  it('asks only what the audience may write: a field hidden from a role is not required of it', () => {
    expect(form.validate(validApplication(), asManager).valid).toBe(true);
    expect(form.validate(validApplication(), { role: 'risk_officer', now, locale: 'en' }).errors).toEqual([
      { path: 'riskRating', code: 'required', message: 'Risk rating is required' },
    ]);
    expect(form.validate(validApplication(), { role: 'risk_officer', step: 'Task_RiskReview', now }).errors.map((error) => error.path)).toEqual(['riskRating']);
    expect(form.validate({ ...validApplication(), riskRating: 'B' }, { role: 'risk_officer', now }).valid).toBe(true);
  });

  it('still checks the values of fields the audience cannot write', () => {
    expect(form.validate({ ...validApplication(), riskRating: 'Z' }, asManager).errors).toEqual([
      { path: 'riskRating', code: 'option.invalid', message: 'Risk rating has an option that is not offered' },
    ]);
  });

  it('reports fields the form does not have', () => {
    expect(form.validate({ ...validApplication(), salary: 1, collaterals: [] }, asManager).errors).toEqual([
      { path: 'salary', code: 'field.unknown', message: 'the form has no field "salary"' },
    ]);
    const rows = [{ ...collateralRow('900000.00'), colour: 'red' }];
    expect(form.validate({ ...validApplication(), loanAmount: '900000.00', collaterals: rows }, asManager).errors).toEqual([
      { path: 'collaterals[0].colour', code: 'field.unknown', message: 'the form has no field "colour"' },
    ]);
  });

  it('lists errors in the order their fields appear in the form', () => {
    const application = {
      ...validApplication(),
      applicantName: '',
      mobile: '12',
      loanAmount: '900000.00',
      collaterals: [{ kind: 'vehicle', value: 'x' }, { kind: 'deposit' }],
      disbursementCard: '4111111111111112',
      extra: true,
    };
    expect(form.validate(application, asManager).errors.map((error) => `${error.path}:${error.code}`)).toEqual([
      'applicantName:required',
      'mobile:mobile.format',
      'disbursementCard:bankCard.checksum',
      'collaterals[0].value:money.format',
      'collaterals[0].plate:required',
      'collaterals[1].value:required',
      'extra:field.unknown',
    ]);
  });

  it('refuses data that is not an object', () => {
    expect(form.validate([1, 2], asManager)).toEqual({
      valid: false,
      errors: [{ path: '', code: 'data.type', message: 'the submitted data must be an object' }],
      data: {},
    });
  });

  it('leaves the submitted object untouched', () => {
    const submitted = { ...validApplication(), companyName: 'x', homePhone: '' };
    const copy = structuredClone(submitted);
    form.validate(submitted, asManager);
    expect(submitted).toEqual(copy);
  });

  it('reports a rule that fails on well-formed data as a rule error at the field', () => {
    const fragile = compileForm({
      key: 'fragile',
      version: 1,
      title: { 'zh-CN': '示例', en: 'Sample' },
      fields: [
        { key: 'amount', type: 'money', label: { 'zh-CN': '金额', en: 'Amount' } },
        { key: 'parts', type: 'integer', label: { 'zh-CN': '份数', en: 'Parts' }, min: 0 },
        { key: 'share', type: 'computed', label: { 'zh-CN': '每份', en: 'Share' }, resultType: 'money', rule: { 'money/': [{ var: 'amount' }, { var: 'parts' }] } },
      ],
    });
    expect(fragile.validate({ amount: '10.00', parts: 4 }, { locale: 'en' })).toEqual({ valid: true, errors: [], data: { amount: '10.00', parts: 4, share: '2.50' } });
    const { errors } = fragile.validate({ amount: '10.00', parts: 0 }, { locale: 'en' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'share', code: 'rule.error' });
    expect(errors[0]!.message).toMatch(/^a rule of Share could not be evaluated: .*divided by zero/);
  });
});
