import { compileForm } from '../compile/compile-form';
import { collateralRow, loanDefinition, validApplication } from '../test-support/loan-application';

const form = compileForm(loanDefinition());
const stored = { ...validApplication(), mobile: '13812341234', riskRating: 'B', creditOpinion: '收入稳定' };

describe('accepting a write', () => {
  it('accepts changes to fields the role may write', () => {
    expect(form.acceptWrite(stored, { ...stored, loanAmount: '350000.00', mobile: '13912341234' }, { role: 'account_manager' })).toEqual([]);
  });

  it('refuses a write to a field hidden from the role, naming its path', () => {
    expect(form.acceptWrite(stored, { ...stored, riskRating: 'A' }, { role: 'account_manager' })).toEqual(['riskRating']);
  });

  it('refuses a write to a field the role may only read', () => {
    expect(form.acceptWrite(stored, { ...stored, loanAmount: '1.00', riskRating: 'A' }, { role: 'risk_officer' })).toEqual(['loanAmount']);
  });

  it('lets the step decide: the credit officer writes the opinion only at credit review', () => {
    const next = { ...stored, creditOpinion: '同意' };
    expect(form.acceptWrite(stored, next, { role: 'credit_officer' })).toEqual(['creditOpinion']);
    expect(form.acceptWrite(stored, next, { role: 'credit_officer', step: 'Task_CreditReview' })).toEqual([]);
  });

  it('takes a field left out, or sent back as it was, as unchanged', () => {
    const { riskRating: _rating, creditOpinion: _opinion, ...withoutHidden } = stored;
    expect(form.acceptWrite(stored, withoutHidden, { role: 'account_manager' })).toEqual([]);
    expect(form.acceptWrite(stored, stored, { role: 'risk_officer' })).toEqual([]);
  });

  it('takes a masked value sent back by a reader as unchanged', () => {
    const projected = form.project(stored, { role: 'risk_officer' });
    expect(projected.mobile).toBe('138****1234');
    expect(form.acceptWrite(stored, { ...projected, riskRating: 'C' }, { role: 'risk_officer' })).toEqual([]);
  });

  it('refuses fields read-only by their rule, read on the new data', () => {
    const definition = loanDefinition();
    definition.fields.find((field) => field.key === 'loanTermMonths')!.readonly = { '==': [{ var: 'purpose' }, 'mortgage'] };
    const locked = compileForm(definition);
    expect(locked.acceptWrite(stored, { ...stored, purpose: 'mortgage', loanTermMonths: 360 }, { role: 'account_manager' })).toEqual(['loanTermMonths']);
    expect(locked.acceptWrite(stored, { ...stored, loanTermMonths: 48 }, { role: 'account_manager' })).toEqual([]);
  });

  it('checks subform rows field by field', () => {
    const definition = loanDefinition();
    const collaterals = definition.fields.find((field) => field.key === 'collaterals')!;
    collaterals.fields!.find((field) => field.key === 'value')!.permissions = { roles: { account_manager: 'read' }, steps: { Task_Appraisal: 'write' } };
    const appraised = compileForm(definition);
    const before = { ...stored, loanAmount: '900000.00', collaterals: [collateralRow('500000.00')] };
    const changedValue = { ...before, collaterals: [{ ...collateralRow('500000.00'), value: '900000.00' }] };
    expect(appraised.acceptWrite(before, changedValue, { role: 'account_manager' })).toEqual(['collaterals[0].value']);
    expect(appraised.acceptWrite(before, changedValue, { role: 'account_manager', step: 'Task_Appraisal' })).toEqual([]);
    const addedRow = { ...before, collaterals: [collateralRow('500000.00'), { kind: 'deposit', value: '1.00' }] };
    expect(appraised.acceptWrite(before, addedRow, { role: 'account_manager' })).toEqual(['collaterals[1].value']);
  });

  it('refuses any change to a subform the role may only read', () => {
    const before = { ...stored, loanAmount: '900000.00', collaterals: [collateralRow('500000.00')] };
    expect(form.acceptWrite(before, { ...before, collaterals: [] }, { role: 'risk_officer' })).toEqual(['collaterals']);
  });

  it('never refuses computed fields, which are recomputed anyway', () => {
    expect(form.acceptWrite(stored, { ...stored, collateralTotal: '1.00' }, { role: 'risk_officer' })).toEqual([]);
  });
});
