import { checkDecisionTable, checkRuleSet } from './check-definitions';
import type { VariableSchema } from './variable-schema';

const schema: VariableSchema = {
  'customer.birthDate': 'date',
  'customer.aum': 'money',
  'customer.segment': 'string',
  'customer.managerId': 'string',
};

describe('checking decision tables', () => {
  it('reports unknown input variables, literals of the wrong type and unreachable rows', () => {
    const problems = checkDecisionTable(
      {
        hitPolicy: 'FIRST',
        inputs: [
          { id: 'birth', expression: { var: 'customer.birthDate' } },
          { id: 'segment', expression: { var: 'customer.segmnt' } },
        ],
        outputs: [{ id: 'x' }],
        rows: [
          { when: ['>= 18', '-'], then: [1] },
          { when: ['-', '"VIP"'], then: [2] },
          { when: ['-', '"VIP"'], then: [{ var: 'customer.nope' }] },
          { when: ['-', '-'], then: [0] },
        ],
      },
      schema,
    );
    expect(problems.map((problem) => [problem.code, problem.path, problem.severity])).toEqual([
      ['table.unreachable_row', 'rows[2]', 'warning'],
      ['var.unknown', 'inputs[1].expression.var', 'error'],
      ['type.mismatch', 'rows[0].when[0]', 'error'],
      ['var.unknown', 'rows[2].then[0].var', 'error'],
    ]);
    expect(problems[2]!.message.en).toBe('the condition ">= 18" is a number but the input birth is a date');
  });

  it('accepts dates compared with date literals and amounts with numbers', () => {
    expect(
      checkDecisionTable(
        {
          hitPolicy: 'COLLECT',
          inputs: [
            { id: 'birth', expression: { var: 'customer.birthDate' } },
            { id: 'aum', expression: { var: 'customer.aum' } },
          ],
          outputs: [{ id: 'x' }],
          rows: [{ when: ['< date("2000-01-01")', '>= 500000'], then: [1] }],
        },
        schema,
      ),
    ).toEqual([]);
  });
});

describe('checking rule sets', () => {
  it('reports problems in conditions and in rule-valued action properties, with paths', () => {
    const problems = checkRuleSet(
      {
        rules: [
          {
            id: 'r',
            when: { and: [{ '>': [{ var: 'customer.birthDate' }, 5] }, { '==': [{ var: 'customer.segment' }, 'VIP'] }] },
            actions: [
              { type: 'notify', to: { var: 'customer.manager' }, message: 'x' },
              { type: 'startProcess', process: 'p', variables: { amount: { var: 'customer.amount' } } },
            ],
          },
        ],
      },
      schema,
    );
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['type.mismatch', 'rules[0].when.and[0].>'],
      ['var.unknown', 'rules[0].actions[0].to.var'],
      ['var.unknown', 'rules[0].actions[1].variables.amount.var'],
    ]);
  });
});
