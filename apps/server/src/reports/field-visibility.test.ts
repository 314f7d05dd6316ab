import { compileForm, type FormDefinition } from '@tessera/forms';
import { fieldReads, planFor, type Visibility, visibilityIn } from './field-visibility';

const label = { 'zh-CN': '字段', en: 'Field' };

function form(version: number, fields: Record<string, unknown>[]) {
  return compileForm({
    key: 'loan',
    version,
    title: { 'zh-CN': '贷款', en: 'Loan' },
    permissions: { default: 'hidden', roles: { manager: 'write', reader: 'read', auditor: 'read' } },
    fields,
  } as unknown as FormDefinition);
}

const v1 = form(1, [
  { key: 'amount', type: 'money', label, currency: 'CNY' },
  { key: 'mobile', type: 'mobile', label, mask: { preset: 'mobile', unmaskedRoles: ['auditor'] } },
  { key: 'income', type: 'money', label, currency: 'CNY', permissions: { roles: { reader: 'hidden' } } },
  {
    key: 'collateral',
    type: 'subform',
    label,
    fields: [
      { key: 'kind', type: 'text', label },
      { key: 'value', type: 'money', label, currency: 'CNY', permissions: { roles: { reader: 'hidden' } } },
    ],
  },
]);

const records = { type: 'records', form: 'loan' } as const;
const rows = { type: 'subformRows', form: 'loan', path: 'collateral' } as const;

function seen(role: string, source: typeof records | typeof rows, paths: string[]) {
  return Object.fromEntries(visibilityIn(v1, { role: [role] }, source, fieldReads(source, paths)!));
}

describe('how a reader sees the fields a dataset reads', () => {
  it('places record paths, subform row paths and parent paths in the form, leaving $ columns out', () => {
    expect(fieldReads(records, ['amount', 'customer.segment', '$ownerId', '$params.x'])).toEqual([
      { path: 'amount', top: 'amount' },
      { path: 'customer.segment', top: 'customer' },
    ]);
    expect(fieldReads(rows, ['value', '$parent.amount', '$createdAt'])).toEqual([
      { path: 'value', top: 'collateral', row: 'value' },
      { path: '$parent.amount', top: 'amount' },
    ]);
    expect(fieldReads({ type: 'subformRows', form: 'loan', path: 'a.b' }, ['x'])).toBeUndefined();
  });

  it('asks the projection: clear for writers, masked for readers, hidden where a field says so', () => {
    expect(seen('manager', records, ['amount', 'mobile', 'income', 'collateral'])).toEqual({
      amount: 'clear',
      mobile: 'clear',
      income: 'clear',
      collateral: 'clear',
    });
    expect(seen('reader', records, ['amount', 'mobile', 'income', 'collateral', 'unknown'])).toEqual({
      amount: 'clear',
      mobile: 'masked',
      income: 'hidden',
      // Read whole, a subform with a hidden row field is not what the reader's records hold.
      collateral: 'masked',
      unknown: 'hidden',
    });
    expect(seen('auditor', records, ['mobile'])).toEqual({ mobile: 'clear' });
  });

  it('probes subform row fields inside a row, and the subform itself under the key ""', () => {
    expect(seen('reader', rows, ['kind', 'value', '$parent.income'])).toEqual({
      '': 'clear',
      kind: 'clear',
      value: 'hidden',
      '$parent.income': 'hidden',
    });
    expect(seen('nobody', rows, ['kind'])).toEqual({ '': 'hidden', kind: 'hidden' });
  });
});

describe('the plan over the versions present', () => {
  const versions = (...maps: Record<string, Visibility>[]) =>
    new Map(maps.map((map, index) => [index + 1, new Map(Object.entries(map))]));

  it('runs in SQL as compiled when every read field is clear everywhere', () => {
    expect(planFor(versions({ amount: 'clear' }, { amount: 'clear' }))).toEqual({ kind: 'sql', access: new Map() });
  });

  it('reads a field hidden everywhere as absent, and one hidden in some versions only in the others', () => {
    const plan = planFor(
      versions(
        { amount: 'clear', income: 'hidden', note: 'hidden' },
        { amount: 'clear', income: 'clear', note: 'hidden' },
      ),
    );
    expect(plan).toEqual({
      kind: 'sql',
      access: new Map<string, unknown>([
        ['income', { versions: [2] }],
        ['note', 'absent'],
      ]),
    });
  });

  it('falls back to the projected rows when a field is masked in any version present', () => {
    expect(planFor(versions({ mobile: 'clear' }, { mobile: 'masked' }))).toEqual({
      kind: 'memory',
      masked: ['mobile'],
    });
  });

  it('keeps subform rows to the versions that show the subform, and has no rows when none does', () => {
    expect(planFor(versions({ '': 'hidden', kind: 'hidden' }, { '': 'clear', kind: 'clear' }))).toEqual({
      kind: 'sql',
      access: new Map(),
      versions: [2],
    });
    expect(planFor(versions({ '': 'hidden', kind: 'hidden' }))).toEqual({ kind: 'empty' });
  });
});
