import { DefinitionError, type Problem } from '@tessera/rules';
import type { FieldDefinition, FormDefinition } from '../definition/types';
import { loanDefinition } from '../test-support/loan-application';
import { compileForm } from './compile-form';

const label = (en: string) => ({ 'zh-CN': en, en });

function form(fields: unknown[], extra: Partial<FormDefinition> = {}): FormDefinition {
  return { key: 'sample', version: 1, title: label('Sample'), fields: fields as FieldDefinition[], ...extra };
}

function problemsOf(definition: unknown): Problem[] {
  try {
    compileForm(definition);
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  throw new Error('the definition compiled');
}

function codesAndPaths(definition: unknown): Array<[string, string | undefined]> {
  return problemsOf(definition).map((problem) => [problem.code, problem.path]);
}

describe('compileForm', () => {
  it('compiles the loan application and lists its fields, subform rows included', () => {
    const compiled = compileForm(loanDefinition());
    expect(compiled.key).toBe('loan-application');
    expect(compiled.version).toBe(1);
    expect(compiled.fields.find((field) => field.path === 'loanAmount')).toEqual({
      key: 'loanAmount',
      path: 'loanAmount',
      type: 'money',
      label: { 'zh-CN': '贷款金额', en: 'Loan amount' },
      valueType: 'money',
    });
    expect(compiled.fields.find((field) => field.path === 'collaterals.value')).toMatchObject({ key: 'value', parentPath: 'collaterals', type: 'money' });
    expect(compiled.fields.some((field) => field.type === 'description')).toBe(false);
  });

  it('describes its data as a variable schema for rules elsewhere', () => {
    const { variableSchema } = compileForm(loanDefinition());
    expect(variableSchema.loanAmount).toBe('money');
    expect(variableSchema.collateralTotal).toBe('money');
    expect(variableSchema.collaterals).toEqual({
      type: 'array',
      items: { kind: 'string', value: 'money', plate: 'string', ownerIdNumber: 'string', appraisedOn: 'date' },
    });
    expect(variableSchema['homeAddress.detail']).toBe('string');
  });

  it('reports schema violations with their paths, all at once', () => {
    expect(
      codesAndPaths(
        form([
          { key: 'name', type: 'text', label: label('Name'), maxRows: 3 },
          { key: 'age', type: 'integer' },
          { key: 'kind', type: 'colour', label: label('Kind') },
        ]),
      ),
    ).toEqual([
      ['definition.unknownProperty', 'fields[0].maxRows'],
      ['definition.required', 'fields[1].label'],
      ['definition.value', 'fields[2].type'],
    ]);
  });

  it('names the missing properties of a type', () => {
    expect(codesAndPaths(form([{ key: 'customer', type: 'relation', label: label('Customer') }]))).toEqual([
      ['definition.required', 'fields[0].form'],
      ['definition.required', 'fields[0].displayField'],
    ]);
  });

  it('reports duplicate and reserved keys, contradictory bounds and broken patterns', () => {
    expect(
      codesAndPaths(
        form([
          { key: 'amount', type: 'money', label: label('Amount'), min: '100', max: '10' },
          { key: 'amount', type: 'text', label: label('Again'), pattern: '([a-z' },
          { key: 'row', type: 'integer', label: label('Row'), min: 5, max: 1 },
          { key: 'constructor', type: 'text', label: label('C'), minLength: 9, maxLength: 3 },
        ]),
      ),
    ).toEqual([
      ['field.duplicate', 'fields[1].key'],
      ['field.reservedKey', 'fields[2].key'],
      ['field.reservedKey', 'fields[3].key'],
      ['field.bounds', 'fields[0].min'],
      ['field.pattern', 'fields[1].pattern'],
      ['field.bounds', 'fields[2].min'],
      ['field.bounds', 'fields[3].minLength'],
    ]);
  });

  it('reports choice fields without options, nested subforms and layouts naming unknown fields', () => {
    const definition = form(
      [
        { key: 'purpose', type: 'select', label: label('Purpose') },
        {
          key: 'owners',
          type: 'subform',
          label: label('Owners'),
          fields: [{ key: 'inner', type: 'subform', label: label('Inner'), fields: [{ key: 'x', type: 'text', label: label('X') }] }],
        },
      ],
      { layout: { sections: [{ key: 'main', fields: ['purpose', 'purpose', 'ghost'] }] } },
    );
    expect(codesAndPaths(definition)).toEqual([
      ['options.missing', 'fields[0].options'],
      ['subform.nested', 'fields[1].fields[0].type'],
      ['layout.duplicate', 'layout.sections[0].fields[1]'],
      ['layout.unknownField', 'layout.sections[0].fields[2]'],
    ]);
  });

  it('reports masks on types that cannot be masked, options given twice over and layouts with both sections and tabs', () => {
    const definition = form(
      [
        { key: 'files', type: 'attachment', label: label('Files'), mask: 'full' },
        { key: 'kind', type: 'radio', label: label('Kind'), options: [{ value: 'a', label: label('A') }, { value: 'a', label: label('A again') }], optionsRule: ['a'] },
      ],
      {
        layout: {
          sections: [{ key: 'one', fields: ['files'] }],
          tabs: [{ key: 'tab', title: label('Tab'), sections: [{ key: 'one', fields: ['kind'] }] }],
        },
      },
    );
    expect(codesAndPaths(definition)).toEqual([
      ['mask.unsupported', 'fields[0].mask'],
      ['options.conflict', 'fields[1].optionsRule'],
      ['options.duplicate', 'fields[1].options[1].value'],
      ['layout.conflict', 'layout'],
      ['layout.duplicate', 'layout.tabs[0].sections[0].key'],
    ]);
  });

  it('gives every problem a message in both languages', () => {
    const problems = problemsOf(form([{ key: 'a', type: 'text', label: label('A'), minLength: 5, maxLength: 1 }, { key: 'a', type: 'text', label: label('B') }]));
    for (const problem of problems) {
      expect(problem.message['zh-CN']).toMatch(/\S/);
      expect(problem.message.en).toMatch(/\S/);
    }
    expect(problems.map((problem) => problem.message['zh-CN'])).toEqual(['字段键“a”与 fields[0] 重复', 'minLength 大于 maxLength']);
  });

  it('checks every rule against the form’s own fields and their types', () => {
    const problems = problemsOf(
      form([
        { key: 'amount', type: 'money', label: label('Amount') },
        { key: 'note', type: 'text', label: label('Note'), visible: { '>': [{ var: 'amout' }, 5] } },
        {
          key: 'owners',
          type: 'subform',
          label: label('Owners'),
          fields: [
            { key: 'name', type: 'text', label: label('Name') },
            { key: 'share', type: 'percent', label: label('Share'), required: { '==': [{ var: 'row.nam' }, 'x'] } },
          ],
        },
      ]),
    );
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['var.unknown', 'fields[1].visible.>[0].var'],
      ['var.unknown', 'fields[2].fields[1].required.==[0].var'],
    ]);
    expect(problems[0]!.message.en).toContain('amout');
  });

  it('lets row rules read the row, its index and the form', () => {
    expect(() =>
      compileForm(
        form([
          { key: 'amount', type: 'money', label: label('Amount') },
          {
            key: 'owners',
            type: 'subform',
            label: label('Owners'),
            fields: [
              { key: 'name', type: 'text', label: label('Name') },
              { key: 'note', type: 'text', label: label('Note'), visible: { and: [{ '==': [{ var: 'row.name' }, 'x'] }, { '>': [{ var: 'rowIndex' }, 0] }, { 'money>': [{ var: 'amount' }, '1'] }] } },
            ],
          },
        ]),
      ),
    ).not.toThrow();
  });

  it('reports cycles among computed and conditionally visible fields', () => {
    const problems = problemsOf(
      form([
        { key: 'a', type: 'computed', label: label('A'), resultType: 'number', rule: { '+': [{ var: 'b' }, 1] } },
        { key: 'b', type: 'number', label: label('B'), visible: { '>': [{ var: 'a' }, 1] } },
        { key: 'c', type: 'computed', label: label('C'), resultType: 'number', rule: { '+': [{ var: 'a' }, 1] } },
      ]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'field.cycle', path: 'fields[0]' });
    expect(problems[0]!.message.en).toBe('fields depend on each other in a cycle: a → b → a');
  });

  it('reports a cycle inside subform rows', () => {
    const problems = problemsOf(
      form([
        {
          key: 'rows',
          type: 'subform',
          label: label('Rows'),
          fields: [
            { key: 'x', type: 'computed', label: label('X'), resultType: 'number', rule: { var: 'row.y' } },
            { key: 'y', type: 'computed', label: label('Y'), resultType: 'number', rule: { var: 'row.x' } },
          ],
        },
      ]),
    );
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([['field.cycle', 'fields[0].fields[0]']]);
  });

  it('rejects defaults the field would not accept', () => {
    expect(
      codesAndPaths(
        form([
          { key: 'kind', type: 'select', label: label('Kind'), default: 'z', options: [{ value: 'a', label: label('A') }] },
          { key: 'phone', type: 'mobile', label: label('Phone'), default: '123' },
          { key: 'id', type: 'residentId', label: label('ID'), default: '110105194912310021' },
          { key: 'rows', type: 'subform', label: label('Rows'), fields: [{ key: 'n', type: 'integer', label: label('N'), default: 1.5 }] },
          { key: 'fine', type: 'money', label: label('Fine'), default: '10.00' },
        ]),
      ),
    ).toEqual([
      ['field.default', 'fields[0].default'],
      ['field.default', 'fields[1].default'],
      ['field.default', 'fields[2].default'],
      ['field.default', 'fields[3].fields[0].default'],
    ]);
  });

  it('rejects inputs on fields nobody fills in', () => {
    expect(
      codesAndPaths(
        form([
          { key: 'total', type: 'computed', label: label('Total'), resultType: 'money', rule: '1.00', required: true },
          { key: 'intro', type: 'description', label: label('Intro'), content: label('Hello'), default: 'x' },
        ]),
      ),
    ).toEqual([
      ['field.noInput', 'fields[0].required'],
      ['field.noInput', 'fields[1].default'],
    ]);
  });

  it('reports rules the rule engine cannot compile', () => {
    expect(codesAndPaths(form([{ key: 'x', type: 'text', label: label('X'), visible: { frobnicate: [1] } }]))[0]).toEqual([
      expect.any(String),
      expect.stringMatching(/^fields\[0\]\.visible/),
    ]);
  });

  it('refuses what is not a definition at all', () => {
    expect(codesAndPaths('form')).toEqual([['definition.type', '']]);
  });
});
