import { compileForm } from '../compile/compile-form';
import { collateralRow, loanDefinition, validApplication } from '../test-support/loan-application';
import { migrateData } from './migrate';

function nextVersion() {
  const definition = loanDefinition();
  definition.version = 2;
  definition.fields = definition.fields.filter((field) => field.key !== 'homePhone');
  const term = definition.fields.find((field) => field.key === 'loanTermMonths')!;
  term.type = 'text';
  delete term.min;
  delete term.max;
  delete definition.layout;
  const rate = definition.fields.find((field) => field.key === 'annualRate')!;
  rate.type = 'integer';
  delete rate.default;
  delete rate.precision;
  definition.fields.push({ key: 'channel', type: 'text', label: { 'zh-CN': '渠道', en: 'Channel' }, default: 'branch' });
  const collaterals = definition.fields.find((field) => field.key === 'collaterals')!;
  collaterals.fields = collaterals.fields!.filter((field) => field.key !== 'appraisedOn');
  collaterals.fields.push({ key: 'insured', type: 'switch', label: { 'zh-CN': '已投保', en: 'Insured' } });
  return definition;
}

describe('migrating a record between form versions', () => {
  const record = { ...validApplication(), homePhone: '010-62345678', loanAmount: '900000.00', collaterals: [collateralRow('500000.00')] };

  it('reports the fields added, removed and retyped', () => {
    const result = migrateData(record, loanDefinition(), nextVersion());
    expect(result.fromVersion).toBe(1);
    expect(result.toVersion).toBe(2);
    expect(result.added).toEqual(['collaterals.insured', 'channel']);
    expect(result.removed).toEqual(['homePhone', 'collaterals.appraisedOn']);
    expect(result.retyped).toEqual([
      { path: 'loanTermMonths', from: 'integer', to: 'text' },
      { path: 'annualRate', from: 'percent', to: 'integer' },
    ]);
  });

  it('reshapes the data: removed values dropped, defaults added, retyped values kept only if acceptable', () => {
    const { data, dropped } = migrateData(record, loanDefinition(), nextVersion());
    expect(data).not.toHaveProperty('homePhone');
    expect(data.channel).toBe('branch');
    expect(data.loanTermMonths).toBeUndefined();
    expect(data.annualRate).toBeUndefined();
    expect(dropped).toEqual(['loanTermMonths', 'annualRate']);
    expect((data.collaterals as Array<Record<string, unknown>>)[0]).not.toHaveProperty('appraisedOn');
    expect(compileForm(nextVersion()).validate({ ...data, loanTermMonths: '36' }, { role: 'account_manager' }).errors).toEqual([]);
  });

  it('keeps a retyped value the new type accepts', () => {
    const { data, dropped } = migrateData({ ...record, annualRate: 4 }, loanDefinition(), nextVersion());
    expect(data.annualRate).toBe(4);
    expect(dropped).toEqual(['loanTermMonths']);
  });

  it('is also a method of the compiled form, migrating into it', () => {
    const target = compileForm(nextVersion());
    expect(target.migrate(record, loanDefinition()).toVersion).toBe(2);
  });
});
