import { join } from 'node:path';
import { compileDecisionTable, runRuleSet, type DecisionTableDefinition, type RuleSetDefinition } from '@tessera/rules';
import type { AppPackage } from './app-package';
import { loadTemplateFolder } from './files/load-folder';
import { loadAppPackage } from './validation/validate-package';

const templatesRoot = join(__dirname, '..', '..', '..', 'templates');
const load = async (name: string): Promise<AppPackage> => loadAppPackage(await loadTemplateFolder(join(templatesRoot, name)));
const ruleSet = (app: AppPackage, key: string): RuleSetDefinition => app.ruleSets.find((entry) => entry.key === key)!.definition as unknown as RuleSetDefinition;
const table = (app: AppPackage, key: string) => compileDecisionTable(app.decisionTables.find((entry) => entry.key === key)!.definition as unknown as DecisionTableDefinition);
const now = '2026-11-23T09:00:00+08:00';

describe('the customer-profile rules', () => {
  let app: AppPackage;
  beforeAll(async () => {
    app = await load('customer-profile');
  });

  it.each([
    ['499999.99', 'mass', []],
    ['500000.00', 'vip', ['vip']],
    ['5999999.99', 'vip', ['vip']],
    ['6000000.00', 'private', ['private_banking', 'high_net_worth']],
  ])('tier a customer with AUM %s as %s', (aum, tier, tags) => {
    const { facts } = runRuleSet(ruleSet(app, 'customer_tiering'), { aum, tags: ['wealth_interest', 'vip'] }, { now });
    expect(facts).toMatchObject({ tier });
    expect([...(facts as { tags: string[] }).tags].sort()).toEqual(['wealth_interest', ...tags].sort());
  });

  it('warn about a customer whose AUM fell over 30% two months running and who has not logged in for 30 days', () => {
    const falling = { aum: '300000.00', aumLastMonth: '500000.00', aumTwoMonthsAgo: '900000.00', lastMobileLoginDate: '2026-10-01', healthScore: 95, accountManager: 'account_manager', tags: [] };
    const { facts, actions } = runRuleSet(ruleSet(app, 'customer_health'), falling, { now });
    expect(facts).toMatchObject({ healthScore: 75, warning: true, tags: ['aum_decline', 'inactive_mobile'] });
    expect(actions).toContainEqual(expect.objectContaining({ type: 'createTask', assignee: 'account_manager', candidateGroups: ['account_manager'] }));
    const active = runRuleSet(ruleSet(app, 'customer_health'), { ...falling, lastMobileLoginDate: '2026-11-20' }, { now });
    expect(active.facts).not.toHaveProperty('warning', true);
  });

  it('give the account manager a greeting task three days before a birthday, and not on other days', () => {
    const customer = { name: '何明', birthDate: '1996-11-26', accountManager: 'account_manager', tags: [] };
    const { actions } = runRuleSet(ruleSet(app, 'birthday_greeting'), customer, { now });
    expect(actions.map((action) => action.type)).toEqual(['addTag', 'createTask', 'notify']);
    expect(runRuleSet(ruleSet(app, 'birthday_greeting'), { ...customer, birthDate: '1996-11-27' }, { now }).actions).toEqual([]);
  });
});

describe('the loan-approval decision tables', () => {
  let app: AppPackage;
  beforeAll(async () => {
    app = await load('loan-approval');
  });

  it.each([
    ['500000.00', 'B', 'branch'],
    ['500000.01', 'B', 'committee'],
    ['100000.00', 'D', 'committee'],
    ['100000.00', 'A', 'branch'],
  ])('send %s of grade %s to the %s', (amount, grade, level) => {
    expect(table(app, 'approval_authority').evaluate({ amount, credit: { grade } }).result).toMatchObject({ level });
  });

  it('add up the scorecard points and grade them', () => {
    const applicant = { monthlyIncome: '12000.00', monthlyDebt: '5000.00', employmentYears: 3, collateral: [] };
    const score = table(app, 'credit_scorecard').evaluate(applicant).result;
    expect(score).toBe(400 + 90 + 60 + 40);
    expect(table(app, 'credit_grade').evaluate({ creditScore: score }).result).toEqual({ grade: 'C', score: 590 });
  });
});

describe('the complaint routing table', () => {
  it('gives high severity a 2-hour first response and everything else 24 hours, per department', async () => {
    const routing = table(await load('complaint-ticket'), 'complaint_routing');
    expect(routing.evaluate({ category: 'card', severity: 'high' }).result).toEqual({ department: 'cards', firstResponseSla: 'PT2H', remindAfter: 'PT1H', priority: 90 });
    expect(routing.evaluate({ category: 'wealth_sales', severity: 'low' }).result).toMatchObject({ department: 'wealth', firstResponseSla: 'PT24H' });
  });
});
