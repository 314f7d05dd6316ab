import { DefinitionError } from '../problems';
import { ruleErrorOf } from '../test-support/rule-error-of';
import { compileRuleSet, runRuleSet } from './compile-rule-set';
import type { RuleDefinition, RuleSetDefinition } from './definition';

const now = { now: '2026-11-23T09:00:00+08:00' };

const servicing: RuleSetDefinition = {
  id: 'customerServicing',
  rules: [
    {
      id: 'tier-vip',
      name: { 'zh-CN': 'VIP 客户', en: 'VIP customer' },
      priority: 100,
      when: { and: [{ 'money>=': [{ var: 'customer.aum' }, '500000'] }, { '>=': [{ age: { var: 'customer.birthDate' } }, 18] }] },
      actions: [
        { type: 'set', field: 'customer.tier', value: 'VIP' },
        { type: 'addTag', tag: 'VIP' },
      ],
    },
    {
      id: 'assign-manager',
      priority: 50,
      when: { in: ['VIP', { var: 'tags' }] },
      actions: [
        {
          type: 'createTask',
          title: { 'zh-CN': '分配客户经理', en: 'Assign a relationship manager' },
          candidateGroups: ['branch-managers'],
          dueInDays: 3,
          data: { customerId: { var: 'customer.id' } },
        },
      ],
    },
    {
      id: 'dormant',
      priority: 10,
      when: { or: [{ '>': [{ daysBetween: [{ var: 'customer.lastTransactionOn' }, { today: [] }] }, 365] }, { '==': [{ var: 'customer.status' }, 'dormant'] }] },
      actions: [
        { type: 'notify', to: { var: 'customer.managerId' }, channel: 'inbox', message: { 'zh-CN': '客户已休眠', en: 'The customer is dormant' } },
        { type: 'removeTag', tag: 'active' },
      ],
    },
    {
      id: 'loan-review',
      priority: 5,
      enabled: false,
      when: true,
      actions: [{ type: 'startProcess', process: 'loan-review', businessKey: { var: 'customer.id' } }],
    },
  ],
};

const customer = {
  customer: { id: 'C001', aum: '800000.00', birthDate: '1980-05-01', lastTransactionOn: '2025-01-10', managerId: 'u-17' },
  tags: ['active'],
};

describe('rule sets', () => {
  it('fires matching rules by priority and returns their actions as data', () => {
    const { actions } = runRuleSet(servicing, customer, now);
    expect(actions).toEqual([
      { ruleId: 'tier-vip', type: 'set', field: 'customer.tier', value: 'VIP' },
      { ruleId: 'tier-vip', type: 'addTag', tag: 'VIP' },
      {
        ruleId: 'assign-manager',
        type: 'createTask',
        title: { 'zh-CN': '分配客户经理', en: 'Assign a relationship manager' },
        assignee: null,
        candidateGroups: ['branch-managers'],
        dueDate: '2026-11-26',
        data: { customerId: 'C001' },
      },
      { ruleId: 'dormant', type: 'notify', to: ['u-17'], channel: 'inbox', template: null, message: { 'zh-CN': '客户已休眠', en: 'The customer is dormant' }, data: {} },
      { ruleId: 'dormant', type: 'removeTag', tag: 'active' },
    ]);
  });

  it('lets later rules see fields and tags set by earlier ones, without touching the caller facts', () => {
    const { facts } = runRuleSet(servicing, customer, now);
    expect(facts).toEqual({ customer: { ...customer.customer, tier: 'VIP' }, tags: ['VIP'] });
    expect(customer.tags).toEqual(['active']);
    expect(customer.customer).not.toHaveProperty('tier');
  });

  it('explains which conditions held, with the values seen', () => {
    const { trace } = runRuleSet(servicing, { ...customer, customer: { ...customer.customer, aum: '100.00', status: 'dormant' } }, now);
    expect(trace[0]).toEqual({
      ruleId: 'tier-vip',
      name: { 'zh-CN': 'VIP 客户', en: 'VIP customer' },
      priority: 100,
      matched: false,
      actions: 0,
      conditions: [
        { path: 'rules[0].when.and[0]', rule: { 'money>=': [{ var: 'customer.aum' }, '500000'] }, held: false, values: { 'customer.aum': '100.00' } },
        { path: 'rules[0].when.and[1]', rule: { '>=': [{ age: { var: 'customer.birthDate' } }, 18] }, held: null, values: { 'customer.birthDate': '1980-05-01' } },
      ],
    });
    expect(trace[2]!.conditions.map((condition) => condition.held)).toEqual([true, null]);
    expect(trace[3]).toMatchObject({ ruleId: 'loan-review', matched: false, skipped: 'disabled' });
  });

  it('stops after a rule marked stop, or after the first match in first mode', () => {
    const stopping: RuleSetDefinition = {
      rules: [
        { id: 'a', when: true, actions: [{ type: 'addTag', tag: 'a' }], stop: true },
        { id: 'b', when: true, actions: [{ type: 'addTag', tag: 'b' }] },
      ],
    };
    const { actions, trace } = runRuleSet(stopping, {}, now);
    expect(actions.map((action) => action.ruleId)).toEqual(['a']);
    expect(trace[1]).toMatchObject({ ruleId: 'b', skipped: 'stopped' });
    const first = { ...stopping, mode: 'first' as const, rules: stopping.rules.map((rule) => ({ ...rule, stop: false })) };
    expect(runRuleSet(compileRuleSet(first), {}, now).actions).toHaveLength(1);
  });

  it('keeps the listed order among rules of equal priority', () => {
    const ruleSet: RuleSetDefinition = {
      rules: ['x', 'y', 'z'].map((id) => ({ id, when: true, actions: [{ type: 'set' as const, field: 'last', value: id }] })),
    };
    expect(runRuleSet(ruleSet, {}, now).facts).toEqual({ last: 'z' });
  });

  it('names the failing condition when a rule cannot be evaluated', () => {
    const error = ruleErrorOf(() => runRuleSet(servicing, { customer: { aum: '1,000' } }, now));
    expect(error.code).toBe('money.invalid');
    expect(error.path).toBe('rules[0].when.and[0].money>=');
  });

  it('names the failing action', () => {
    const ruleSet: RuleSetDefinition = { rules: [{ id: 'n', when: true, actions: [{ type: 'notify', to: { var: 'nobody' }, message: 'x' }] }] };
    expect(ruleErrorOf(() => runRuleSet(ruleSet, {}, now))).toMatchObject({ code: 'action.no_recipient', path: 'rules[0].actions[0]' });
    const due: RuleSetDefinition = { rules: [{ id: 't', when: true, actions: [{ type: 'createTask', title: 'x', dueInDays: 1 }] }] };
    expect(ruleErrorOf(() => runRuleSet(due, {}, {})).code).toBe('context.now_missing');
  });

  it('lists every problem of a broken rule set with its path', () => {
    let error: DefinitionError | undefined;
    try {
      compileRuleSet({
        mode: 'some' as never,
        rules: [
          { id: 'a', when: { and: [true, { nope: [] }] }, actions: [{ type: 'set', field: 'x.__proto__.y', value: 1 }] },
          { id: 'a', when: true, actions: [{ type: 'explode' } as never, { type: 'createTask', title: '', dueInDays: -1 }] },
          { id: '', when: undefined, actions: undefined as never },
        ],
      });
    } catch (caught) {
      error = caught as DefinitionError;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error!.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['ruleset.invalid_mode', 'mode'],
      ['operator.unknown', 'rules[0].when.and[1]'],
      ['action.invalid_field', 'rules[0].actions[0].field'],
      ['ruleset.duplicate_id', 'rules[1].id'],
      ['action.unknown_type', 'rules[1].actions[0].type'],
      ['action.missing', 'rules[1].actions[1].title'],
      ['action.invalid_due', 'rules[1].actions[1].dueInDays'],
      ['ruleset.missing_id', 'rules[2].id'],
      ['ruleset.missing_condition', 'rules[2].when'],
      ['ruleset.missing_actions', 'rules[2].actions'],
    ]);
  });
});

describe('rule set definition errors', () => {
  function problemsOf(definition: unknown): [string, string | undefined][] {
    try {
      compileRuleSet(definition as RuleSetDefinition);
    } catch (error) {
      return (error as DefinitionError).problems.map((problem) => [problem.code, problem.path]);
    }
    return [];
  }

  it('names invalid rules, priorities and tag fields', () => {
    expect(problemsOf({ tagsField: 'a.__proto__', rules: [null, { id: 'x', priority: 'high', when: true, actions: [] }] })).toEqual([
      ['ruleset.invalid_tags_field', 'tagsField'],
      ['ruleset.invalid_rule', 'rules[0]'],
      ['ruleset.invalid_priority', 'rules[1].priority'],
    ]);
    expect(problemsOf({})).toEqual([['ruleset.invalid', 'rules']]);
  });

  it('names incomplete actions', () => {
    expect(
      problemsOf({
        rules: [
          {
            id: 'x',
            when: true,
            actions: [
              { type: 'notify', channel: 'fax' },
              { type: 'startProcess', variables: 'all' },
              { type: 'createTask', title: { en: 'only English' }, candidateGroups: 'managers' },
            ],
          },
        ],
      }),
    ).toEqual([
      ['action.missing', 'rules[0].actions[0].to'],
      ['action.invalid', 'rules[0].actions[0].channel'],
      ['action.missing', 'rules[0].actions[0].message'],
      ['action.missing', 'rules[0].actions[1].process'],
      ['action.invalid', 'rules[0].actions[1].variables'],
      ['action.missing', 'rules[0].actions[2].title'],
      ['action.invalid', 'rules[0].actions[2].candidateGroups'],
    ]);
  });

  it('refuses a tag that is not text when running', () => {
    const ruleSet: RuleSetDefinition = { rules: [{ id: 't', when: true, actions: [{ type: 'addTag', tag: { var: 'score' } }] }] };
    expect(ruleErrorOf(() => runRuleSet(ruleSet, { score: 5 }, now))).toMatchObject({ code: 'action.invalid_tag', path: 'rules[0].actions[0]' });
  });

  it('sends a notification to every recipient listed, and starts processes with evaluated variables', () => {
    const ruleSet: RuleSetDefinition = {
      tagsField: 'profile.labels',
      rules: [
        { id: 'n', when: true, actions: [{ type: 'notify', to: { var: 'managers' }, channel: 'sms', template: 'overdue-reminder' }] },
        { id: 'p', when: true, actions: [{ type: 'startProcess', process: 'collection', businessKey: { var: 'id' }, variables: { amount: { var: 'due' } } }] },
        { id: 'l', when: true, actions: [{ type: 'addTag', tag: 'reminded' }] },
      ],
    };
    const { actions, facts } = runRuleSet(ruleSet, { id: 'L1', due: '100.00', managers: ['u1', '', 'u2'], profile: { labels: ['a'] } }, now);
    expect(actions[0]).toMatchObject({ type: 'notify', to: ['u1', 'u2'], channel: 'sms', template: 'overdue-reminder', message: null });
    expect(actions[1]).toMatchObject({ type: 'startProcess', process: 'collection', businessKey: 'L1', variables: { amount: '100.00' } });
    expect((facts as { profile: { labels: string[] } }).profile.labels).toEqual(['a', 'reminded']);
  });

  it('counts the iterations of all its rules against one budget, even when each rule alone stays within it', () => {
    const scan = (id: string): RuleDefinition => ({ id, when: { some: [{ var: 'rows' }, { '<': [{ var: '' }, 0] }] }, actions: [{ type: 'addTag', tag: id }] });
    const ruleSet: RuleSetDefinition = { id: 'scans', rules: [scan('a'), scan('b'), scan('c')] };
    const rows = Array.from({ length: 40_000 }, (_, index) => index);
    expect(runRuleSet(ruleSet, { rows: rows.slice(0, 30_000) }, now).actions).toHaveLength(0);
    expect(ruleErrorOf(() => runRuleSet(ruleSet, { rows }, now)).code).toBe('rule.too_many_iterations');
  });
});
