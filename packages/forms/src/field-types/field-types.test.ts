import { compileForm } from '../compile/compile-form';
import type { FieldDefinition } from '../definition/types';
import { generateBankCard, generateResidentId, generateUscc } from '../test-data';
import { fieldTypeNames } from './registry';

const label = (en: string) => ({ 'zh-CN': en, en });
const options = [
  { value: 'a', label: label('A') },
  { value: 'b', label: label('B') },
];

/** One field per type, with the settings the invalid cases below lean on. */
const fields: FieldDefinition[] = [
  { key: 'text', type: 'text', label: label('Text'), minLength: 2, maxLength: 5, pattern: '^[A-Z]+$' },
  { key: 'textarea', type: 'textarea', label: label('Textarea'), maxLength: 10 },
  { key: 'number', type: 'number', label: label('Number'), min: 0, max: 10, precision: 1 },
  { key: 'integer', type: 'integer', label: label('Integer'), min: 1 },
  { key: 'money', type: 'money', label: label('Money'), max: '1000', precision: 2 },
  { key: 'percent', type: 'percent', label: label('Percent'), max: 100 },
  { key: 'date', type: 'date', label: label('Date'), min: '2020-01-01', max: '2030-12-31' },
  { key: 'datetime', type: 'datetime', label: label('Datetime'), min: '2020-01-01T00:00:00Z' },
  { key: 'time', type: 'time', label: label('Time'), min: '09:00', max: '17:30' },
  { key: 'select', type: 'select', label: label('Select'), options },
  { key: 'radio', type: 'radio', label: label('Radio'), options },
  { key: 'multiSelect', type: 'multiSelect', label: label('MultiSelect'), options, maxItems: 1 },
  { key: 'checkbox', type: 'checkbox', label: label('Checkbox'), options, minItems: 2 },
  { key: 'switch', type: 'switch', label: label('Switch') },
  { key: 'email', type: 'email', label: label('Email') },
  { key: 'url', type: 'url', label: label('Url') },
  { key: 'mobile', type: 'mobile', label: label('Mobile') },
  { key: 'landline', type: 'landline', label: label('Landline') },
  { key: 'residentId', type: 'residentId', label: label('ResidentId'), minAge: 18, maxAge: 60 },
  { key: 'uscc', type: 'uscc', label: label('Uscc') },
  { key: 'bankCard', type: 'bankCard', label: label('BankCard') },
  { key: 'region', type: 'region', label: label('Region'), level: 'city' },
  { key: 'address', type: 'address', label: label('Address') },
  { key: 'attachment', type: 'attachment', label: label('Attachment'), maxFiles: 2, maxSize: 1000, accept: ['application/pdf', 'image/*'] },
  { key: 'userPicker', type: 'userPicker', label: label('UserPicker') },
  { key: 'departmentPicker', type: 'departmentPicker', label: label('DepartmentPicker'), multiple: true },
  { key: 'relation', type: 'relation', label: label('Relation'), form: 'customer', displayField: 'name' },
  { key: 'subform', type: 'subform', label: label('Subform'), maxRows: 2, fields: [{ key: 'cell', type: 'integer', label: label('Cell') }] },
  { key: 'computed', type: 'computed', label: label('Computed'), resultType: 'integer', rule: { '*': [{ var: 'integer' }, 2] } },
  { key: 'description', type: 'description', label: label('Description'), content: label('Read me') },
  { key: 'signature', type: 'signature', label: label('Signature') },
];

const form = compileForm({ key: 'every-type', version: 1, title: label('Every type'), fields });
const now = '2026-11-23T08:00:00Z';

function codes(data: Record<string, unknown>): string[] {
  return form.validate(data, { now, locale: 'en' }).errors.map((error) => `${error.path}:${error.code}`);
}

const pdf = { name: 'a.pdf', size: 100, type: 'application/pdf', storageKey: 'files/a' };

const valid: Record<string, unknown[]> = {
  text: ['AB', 'ABCDE'],
  textarea: ['多行\n文本'],
  number: [0, 9.5, 10],
  integer: [1, 42],
  money: ['0', '999.99', '1000'],
  percent: [3.85],
  date: ['2024-02-29', '2020-01-01'],
  datetime: ['2026-11-23T08:00:00Z', '2026-11-23T16:00:00+08:00'],
  time: ['09:00', '17:30', '12:15:30'],
  select: ['a'],
  radio: ['b'],
  multiSelect: [['a']],
  checkbox: [['a', 'b']],
  switch: [true, false],
  email: ['zhang.wei@bank.cn'],
  url: ['https://www.bank.cn/loans'],
  mobile: ['13812341234'],
  landline: ['010-62345678', '021-61234567-801'],
  // The second holder turns 60 on the day: still within maxAge.
  residentId: [generateResidentId('1990-05-01', 'female', 4), generateResidentId('1966-11-23', 'male', 9)],
  uscc: [generateUscc(8), '91350100M000100Y43'],
  bankCard: [generateBankCard(3), '4111111111111111'],
  region: [{ province: '310000', city: '310100' }, { province: '310000', city: '310100', district: '310115' }],
  address: [{ detail: '世纪大道100号' }, { region: { province: '110000', city: '110100', district: '110105' }, detail: '建国路1号', postalCode: '100022' }],
  attachment: [[pdf], [pdf, { ...pdf, name: 'b.png', type: 'image/png', storageKey: 'files/b' }]],
  userPicker: ['u-1001'],
  departmentPicker: [['d-1', 'd-2']],
  relation: [{ id: 'rec-1', display: '王芳' }, { id: 'rec-2' }],
  subform: [[{ cell: 1 }, { cell: 2 }], []],
  signature: [{ storageKey: 'sig/1', signedAt: '2026-11-23T08:00:00Z' }],
};

const invalid: Record<string, Array<[unknown, string]>> = {
  text: [['A', 'text.minLength'], ['ABCDEF', 'text.maxLength'], ['abc', 'text.pattern'], [12, 'type']],
  textarea: [['01234567890', 'text.maxLength']],
  number: [[-1, 'number.min'], [11, 'number.max'], [1.25, 'number.precision'], ['5', 'type']],
  integer: [[1.5, 'number.integer'], [0, 'number.min']],
  money: [['12.345', 'money.precision'], ['-1', 'money.min'], ['1000.01', 'money.max'], ['1,000', 'money.format'], [100, 'money.format']],
  percent: [[101, 'number.max']],
  date: [['2023-02-29', 'date.format'], ['2019-12-31', 'date.min'], ['2031-01-01', 'date.max'], ['2024/01/01', 'date.format']],
  datetime: [['2026-11-23 08:00', 'datetime.format'], ['2019-12-31T23:00:00Z', 'datetime.min']],
  time: [['24:00', 'time.format'], ['08:59', 'time.min'], ['17:31', 'time.max']],
  select: [['c', 'option.invalid']],
  radio: [[['a'], 'option.invalid']],
  multiSelect: [[['a', 'b'], 'options.maxItems'], [['z'], 'option.invalid']],
  checkbox: [[['a'], 'options.minItems'], [['a', 'a'], 'options.duplicate']],
  switch: [['yes', 'type']],
  email: [['zhang.wei@', 'email.format']],
  url: [['javascript:alert(1)', 'url.format'], ['www.bank.cn', 'url.format']],
  mobile: [['12812341234', 'mobile.format'], ['1381234123', 'mobile.format']],
  landline: [['62345678', 'landline.format']],
  residentId: [
    ['11010519491231002', 'residentId.format'],
    ['110105194912310021', 'residentId.checksum'],
    [generateResidentId('2012-01-01', 'male', 1), 'residentId.minAge'],
    [generateResidentId('1950-01-01', 'male', 1), 'residentId.maxAge'],
    ['990105194912310020', 'residentId.region'],
  ],
  uscc: [['91350100M000100Y44', 'uscc.checksum'], ['91350100M000100Y', 'uscc.format']],
  bankCard: [['4111111111111112', 'bankCard.checksum'], ['4111-1111-1111-1111', 'bankCard.format']],
  region: [
    [{ province: '310000' }, 'region.incomplete'],
    [{ province: '310000', city: '320100' }, 'region.mismatch'],
    [{ province: '31000', city: '310100' }, 'region.format'],
    [{ city: '310100' }, 'region.incomplete'],
  ],
  address: [[{ region: { province: '310000' }, postalCode: '1' }, 'address.incomplete']],
  attachment: [
    [[{ ...pdf, size: 5000 }], 'attachment.maxSize'],
    [[{ ...pdf, type: 'application/zip' }], 'attachment.type'],
    [[pdf, pdf, pdf], 'attachment.maxFiles'],
    [[{ name: 'a.pdf', size: 1, type: 'application/pdf' }], 'attachment.invalid'],
  ],
  userPicker: [[['u-1'], 'type']],
  departmentPicker: [[['d-1', 'd-1'], 'options.duplicate']],
  relation: [[{ display: 'x' }, 'relation.invalid'], ['rec-1', 'type']],
  subform: [[[{ cell: 1 }, { cell: 2 }, { cell: 3 }], 'subform.maxRows']],
  signature: [[{ signedBy: 'u-1' }, 'signature.invalid']],
};

describe('field types', () => {
  it('has valid and invalid cases for every type that holds a value', () => {
    const withValues = fieldTypeNames.filter((type) => type !== 'description' && type !== 'computed');
    expect(Object.keys(valid).sort()).toEqual([...withValues].sort());
    expect(Object.keys(invalid).sort()).toEqual([...withValues].sort());
  });

  for (const [key, values] of Object.entries(valid)) {
    it.each(values.map((value) => [JSON.stringify(value), value]))(`accepts %s as ${key}`, (_, value) => {
      expect(codes({ [key]: value })).toEqual([]);
    });
  }

  for (const [key, cases] of Object.entries(invalid)) {
    it.each(cases.map(([value, code]) => [JSON.stringify(value), code, value]))(`rejects %s as ${key} with %s`, (_, code, value) => {
      expect(codes({ [key]: value })).toEqual([`${key}:${code}`]);
    });
  }

  it('computes computed fields, replacing whatever was submitted', () => {
    expect(form.validate({ integer: 21, computed: 1 }).data).toEqual({ integer: 21, computed: 42 });
  });

  it('refuses a value for description text, which holds none', () => {
    expect(codes({ description: 'x' })).toEqual(['description:field.unknown']);
  });
});
