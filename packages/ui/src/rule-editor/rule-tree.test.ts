import jsonLogic from 'json-logic-js';
import { emptyGroup, ruleToTree, treeToRule, updateAt, variablesOf, type RuleGroup } from './rule-tree';

describe('the visual rule builder’s tree', () => {
  it('reads a JSON-logic rule of comparisons joined by and/or, and writes the same rule back', () => {
    const rule = {
      and: [
        { '>=': [{ var: 'amount' }, 500000] },
        { or: [{ '==': [{ var: 'tier' }, 'gold'] }, { in: [{ var: 'region' }, ['north', 'east']] }] },
        { '!!': [{ var: 'guarantor' }] },
        { in: ['vip', { var: 'tags' }] },
      ],
    };
    const tree = ruleToTree(rule)!;
    expect(tree.children.map((child) => (child.kind === 'condition' ? child.operator : child.combinator))).toEqual(['>=', 'or', 'notEmpty', 'contains']);
    expect(treeToRule(tree)).toEqual(rule);
  });

  it('wraps a single comparison in an "all of" group and writes it back unwrapped', () => {
    const rule = { '<': [{ var: 'age' }, 18] };
    const tree = ruleToTree(rule)!;
    expect(tree).toEqual({ kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'age', operator: '<', value: 18 }] });
    expect(treeToRule(tree)).toEqual(rule);
  });

  it('keeps a negated group', () => {
    const rule = { '!': [{ or: [{ '==': [{ var: 'a' }, 1] }, { '==': [{ var: 'b' }, 2] }] }] };
    expect(treeToRule(ruleToTree(rule)!)).toEqual(rule);
  });

  it('declines rules it cannot show faithfully, so they are edited as raw JSON', () => {
    expect(ruleToTree({ '>': [{ '+': [{ var: 'a' }, 1] }, 3] })).toBeNull();
    expect(ruleToTree({ if: [true, 1, 2] })).toBeNull();
    expect(ruleToTree({ and: [{ '==': [{ var: 'a' }, 1] }, { max: [1, 2] }] })).toBeNull();
    expect(ruleToTree({ '==': [{ var: 'a' }, { var: 'b' }] })).toBeNull();
  });

  it('treats no rule as an empty group, which means "always"', () => {
    expect(ruleToTree(undefined)).toEqual(emptyGroup());
    expect(treeToRule(emptyGroup())).toBe(true);
    expect(treeToRule({ kind: 'group', combinator: 'or', children: [emptyGroup()] })).toBe(true);
  });

  it('writes rules that json-logic-js evaluates as the builder means them', () => {
    const tree: RuleGroup = {
      kind: 'group',
      combinator: 'and',
      children: [
        { kind: 'condition', field: 'amount', operator: '>', value: 100 },
        { kind: 'condition', field: 'tier', operator: 'in', value: ['gold', 'platinum'] },
        { kind: 'condition', field: 'note', operator: 'empty' },
        { kind: 'group', combinator: 'or', negated: true, children: [{ kind: 'condition', field: 'blocked', operator: '==', value: true }] },
      ],
    };
    const rule = treeToRule(tree) as jsonLogic.RulesLogic;
    expect(jsonLogic.apply(rule, { amount: 200, tier: 'gold', note: '', blocked: false })).toBe(true);
    expect(jsonLogic.apply(rule, { amount: 200, tier: 'silver', note: '', blocked: false })).toBe(false);
    expect(jsonLogic.apply(rule, { amount: 200, tier: 'gold', note: '', blocked: true })).toBe(false);
    expect(jsonLogic.apply(rule, { amount: 50, tier: 'gold', note: '', blocked: false })).toBe(false);
  });

  it('lists the variables a rule reads', () => {
    expect(variablesOf({ and: [{ '>': [{ var: 'amount' }, 1] }, { in: ['x', { var: ['tags', []] }] }, { var: '' }] }).sort()).toEqual(['amount', 'tags']);
  });

  it('changes, removes and nests nodes by their path', () => {
    let tree: RuleGroup = { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'a', operator: '==', value: 1 }, emptyGroup('or')] };
    tree = updateAt(tree, [1], (node) => (node.kind === 'group' ? { ...node, children: [{ kind: 'condition', field: 'b', operator: '!=', value: 2 }] } : node));
    tree = updateAt(tree, [1, 0], (node) => ({ ...node, value: 3 }) as typeof node);
    expect(treeToRule(tree)).toEqual({ and: [{ '==': [{ var: 'a' }, 1] }, { '!=': [{ var: 'b' }, 3] }] });
    tree = updateAt(tree, [0], () => null);
    expect(treeToRule(tree)).toEqual({ '!=': [{ var: 'b' }, 3] });
  });
});
