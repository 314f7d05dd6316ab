/**
 * Rule evaluation throughput: a realistic bank rule set (customer tiering, health score, loan
 * eligibility, complaint routing — 50 rules) over 10,000 generated customers, run in the same
 * process by json-logic-js `apply`, by Tessera's `evaluate` and by Tessera's compiled rules.
 * Also times the rejection of hostile rules.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { compile, evaluate, RuleError, type CompiledRule } from '@tessera/rules';
import jsonLogic from 'json-logic-js';
import { reportBench } from './harness';

const CUSTOMERS = 10_000;
const now = { now: '2026-11-23T09:00:00+08:00' };

const v = (path: string) => ({ var: path });

const tier = { if: [{ '>=': [v('aum'), 6000000] }, 'PRIVATE', { '>=': [v('aum'), 500000] }, 'VIP', { '>=': [v('aum'), 50000] }, 'AFFLUENT', 'MASS'] };
const loanPayments = { reduce: [v('loans'), { '+': [v('accumulator'), v('current.monthlyPayment')] }, 0] };
const maxLoan = { min: [{ '*': [v('monthlyIncome'), 60] }, 1000000] };
const urgentComplaint = { or: [{ '==': [v('complaint.severity'), 'high'] }, { '>': [v('complaint.amount'), 50000] }] };

const tieringRules: Record<string, unknown> = {
  tier,
  vipCandidate: { and: [{ '>=': [v('aum'), 400000] }, { '<': [v('aum'), 500000] }, { '>=': [v('monthlyIncome'), 30000] }] },
  payroll: { in: ['payroll', v('products')] },
  multiProduct: { '>': [{ reduce: [v('products'), { '+': [v('accumulator'), 1] }, 0] }, 3] },
  youngProfessional: { and: [{ '<=': [22, v('age'), 35] }, { in: [v('employment.type'), ['salaried', 'civil-servant']] }] },
  senior: { '>=': [v('age'), 60] },
  privateDowngradeRisk: { and: [{ '==': [v('segment'), 'PRIVATE'] }, { '<': [v('aum'), 5000000] }] },
  privateEligible: { or: [{ '>=': [v('aum'), 6000000] }, { and: [{ '>=': [v('aum'), 3000000] }, { '==': [v('kyc.riskLevel'), 'low'] }] }] },
  tierLabel: { cat: [v('segment'), '-', tier] },
  crossSellCard: { and: [{ '!': { in: ['card', v('products')] } }, { '>=': [v('creditScore'), 650] }] },
};

const balanceScore = { if: [{ '>=': [v('aum'), 100000] }, 30, { '>=': [v('aum'), 10000] }, 20, 5] };
const creditScorePart = { '*': [{ '/': [v('creditScore'), 850] }, 40] };
const overduePenalty = { reduce: [v('loans'), { '+': [v('accumulator'), v('current.overdueDays')] }, 0] };

const healthRules: Record<string, unknown> = {
  balanceScore,
  creditScorePart,
  overduePenalty,
  totalBalance: { reduce: [v('accounts'), { '+': [v('accumulator'), v('current.balance')] }, 0] },
  anyOverdue: { some: [v('loans'), { '>': [v('overdueDays'), 30] }] },
  allAccountsActive: { all: [v('accounts'), { '==': [v('status'), 'active'] }] },
  noneFrozen: { none: [v('accounts'), { '==': [v('status'), 'frozen'] }] },
  healthScore: { '-': [{ '+': [balanceScore, creditScorePart, { if: [{ '==': [v('kyc.verified'), true] }, 10, 0] }] }, { min: [overduePenalty, 30] }] },
  activeAccounts: { filter: [v('accounts'), { '==': [v('status'), 'active'] }] },
  dormant: { and: [{ '>': [v('lastLoginDaysAgo'), 180] }, { '<': [v('aum'), 1000] }] },
};

const ageOk = { '<=': [18, v('age'), 65] };
const incomeOk = { '>=': [v('monthlyIncome'), 5000] };
const debtRatioOk = { '<': [{ '/': [loanPayments, v('monthlyIncome')] }, 0.5] };
const creditOk = { '>=': [v('creditScore'), 600] };
const kycOk = { '==': [v('kyc.verified'), true] };
const noSevereOverdue = { none: [v('loans'), { '>': [v('overdueDays'), 90] }] };
const employmentOk = { or: [{ '==': [v('employment.type'), 'salaried'] }, { and: [{ '==': [v('employment.type'), 'self-employed'] }, { '>=': [v('employment.years'), 2] }] }] };

const loanRules: Record<string, unknown> = {
  ageOk,
  incomeOk,
  debtRatioOk,
  creditOk,
  kycOk,
  noSevereOverdue,
  employmentOk,
  missingDocuments: { missing: ['idNumber', 'mobile', 'employment.type'] },
  missingContact: { missing_some: [1, ['mobile', 'email']] },
  eligible: { and: [ageOk, incomeOk, debtRatioOk, creditOk, kycOk, noSevereOverdue, employmentOk] },
  maxLoan,
  rate: { if: [{ '>=': [v('creditScore'), 750] }, 3.65, { '>=': [v('creditScore'), 680] }, 4.2, 5.1] },
  needsGuarantor: { or: [{ '<': [v('creditScore'), 650] }, { '>': [v('requestedAmount'), { '*': [v('monthlyIncome'), 36] }] }] },
  restrictedProvince: { in: [v('province'), ['XZ', 'XJ', 'QH']] },
  withinLimit: { '<=': [v('requestedAmount'), maxLoan] },
};

const complaintRules: Record<string, unknown> = {
  queue: {
    if: [
      { '==': [v('complaint.category'), 'fraud'] },
      'fraud-team',
      { '==': [v('complaint.category'), 'card'] },
      'card-ops',
      { in: [v('complaint.category'), ['loan', 'mortgage']] },
      'credit-ops',
      'general',
    ],
  },
  urgent: urgentComplaint,
  repeated: { '>=': [v('complaint.repeatCount'), 3] },
  regulatorRisk: { in: ['监管', v('complaint.text')] },
  slaHours: { if: [urgentComplaint, 4, { '==': [v('segment'), 'PRIVATE'] }, 8, 24] },
  escalate: { and: [{ '>=': [v('complaint.repeatCount'), 2] }, { '!=': [v('complaint.severity'), 'low'] }] },
  vipComplaint: { and: [{ in: [v('segment'), ['PRIVATE', 'VIP']] }, { '!!': v('complaint.category') }] },
  compensationEstimate: { '*': [v('complaint.amount'), 0.1] },
  assignmentGroup: { cat: [v('province'), '-', v('complaint.category')] },
  needsCallback: { or: [{ '==': [v('channel'), 'phone'] }, { '>=': [v('complaint.repeatCount'), 1] }] },
  title: { substr: [v('complaint.text'), 0, 10] },
  largeFraud: { and: [{ '==': [v('complaint.category'), 'fraud'] }, { '>=': [v('complaint.amount'), 10000] }] },
  channelGroup: { if: [{ in: [v('channel'), ['app', 'web']] }, 'digital', v('channel')] },
  tags: { merge: [v('tags'), { if: [{ in: [v('segment'), ['PRIVATE', 'VIP']] }, ['vip'], []] }] },
  canClose: { and: [{ '==': [v('complaint.status'), 'resolved'] }, { '!': { '>=': [v('complaint.repeatCount'), 3] } }] },
};

const bankRuleSet: Record<string, unknown> = { ...tieringRules, ...healthRules, ...loanRules, ...complaintRules };

/** The same kind of decisions written with Tessera's bank operations (exact money, dates from `now`). */
const bankOperationRules: Record<string, unknown> = {
  ageFromBirthDate: { age: v('birthDate') },
  adult: { '>=': [{ age: v('birthDate') }, 18] },
  vipByAmount: { 'money>=': [v('aumText'), '500000.00'] },
  totalBalance: { sum: [v('accounts'), 'balanceText'] },
  limitLeft: { 'money-': [{ 'money*': [v('monthlyIncomeText'), 60] }, v('requestedAmountText')] },
  monthlyFee: { moneyRound: { 'money*': [v('aumText'), '0.0001'] } },
  dormantDays: { daysBetween: [v('lastLoginOn'), { today: [] }] },
  validMobile: { matches: [v('mobile'), '^1[3-9]\\d{9}$'] },
  overdueLoans: { count: [v('loans'), { '>': [v('overdueDays'), 30] }] },
  reviewDue: { isBefore: [{ addMonths: [v('lastReviewOn'), 12] }, { today: [] }] },
};

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateCustomers(count: number, seed = 20261123): Record<string, unknown>[] {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => Math.floor(low + random() * (high - low + 1));
  const customers: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const aum = Math.round(Math.exp(random() * 16) * 100) / 100;
    const monthlyIncome = between(2000, 80000);
    const age = between(18, 80);
    const loans = Array.from({ length: between(0, 3) }, () => ({
      amount: between(10000, 2000000),
      monthlyPayment: between(500, 20000),
      overdueDays: random() < 0.85 ? 0 : between(1, 180),
      status: pick(['active', 'closed']),
    }));
    const accounts = Array.from({ length: between(1, 4) }, () => {
      const balance = Math.round(random() * 500000 * 100) / 100;
      return { type: pick(['current', 'savings', 'deposit']), balance, balanceText: balance.toFixed(2), status: pick(['active', 'active', 'active', 'dormant', 'frozen']) };
    });
    const requestedAmount = between(10000, 3000000);
    customers.push({
      id: `C${String(index).padStart(6, '0')}`,
      age,
      birthDate: `${2026 - age}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`,
      segment: pick(['MASS', 'MASS', 'AFFLUENT', 'VIP', 'PRIVATE']),
      aum,
      aumText: aum.toFixed(2),
      monthlyIncome,
      monthlyIncomeText: `${monthlyIncome}.00`,
      requestedAmount,
      requestedAmountText: `${requestedAmount}.00`,
      creditScore: between(350, 850),
      products: Array.from(new Set(Array.from({ length: between(0, 5) }, () => pick(['card', 'loan', 'payroll', 'deposit', 'fund', 'insurance'])))),
      accounts,
      loans,
      employment: { type: pick(['salaried', 'self-employed', 'civil-servant', 'retired', 'student']), years: between(0, 30) },
      kyc: { verified: random() < 0.9, riskLevel: pick(['low', 'medium', 'high']) },
      idNumber: random() < 0.95 ? `1101011990${String(index).padStart(8, '0')}` : '',
      mobile: random() < 0.9 ? `1${between(3, 9)}${String(between(0, 999999999)).padStart(9, '0')}` : null,
      email: random() < 0.5 ? `c${index}@example.cn` : '',
      province: pick(['BJ', 'SH', 'GD', 'ZJ', 'JS', 'SC', 'XJ', 'XZ']),
      channel: pick(['app', 'web', 'phone', 'branch']),
      lastLoginDaysAgo: between(0, 400),
      lastLoginOn: `2026-${String(between(1, 11)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`,
      lastReviewOn: `${between(2024, 2026)}-${String(between(1, 12)).padStart(2, '0')}-15`,
      tags: random() < 0.3 ? ['campaign-2026'] : [],
      complaint: {
        category: pick(['fraud', 'card', 'loan', 'mortgage', 'service', 'fees']),
        severity: pick(['low', 'medium', 'high']),
        amount: between(0, 100000),
        repeatCount: between(0, 4),
        status: pick(['open', 'resolved']),
        text: pick(['信用卡被盗刷，要求赔偿', '贷款利率不透明，已向监管投诉', '网点排队时间过长', '理财产品亏损', '手续费收取不合理']),
      },
    });
  }
  return customers;
}

const customers = generateCustomers(CUSTOMERS);
const names = Object.keys(bankRuleSet);
const rules = names.map((name) => bankRuleSet[name]);
const compiled: CompiledRule[] = rules.map((rule) => compile(rule));
const bankCompiled = Object.values(bankOperationRules).map((rule) => compile(rule));
const evaluationsPerPass = customers.length * rules.length;

// The three engines must agree on every evaluation before their speed means anything.
let disagreements = 0;
for (const customer of customers) {
  for (let index = 0; index < rules.length; index++) {
    const reference = JSON.stringify(jsonLogic.apply(rules[index] as never, customer));
    if (JSON.stringify(compiled[index]!(customer)) !== reference || JSON.stringify(evaluate(rules[index], customer)) !== reference) {
      disagreements++;
      if (disagreements <= 3) console.error(`disagreement on ${names[index]} for ${String(customer.id)}`);
    }
  }
}
if (disagreements > 0) {
  console.error(`${disagreements} evaluations differ from json-logic-js`);
  process.exit(1);
}

let sink = 0;
const consume = (value: unknown) => {
  if (value) sink++;
};

/*
 * The machine is shared and its load changes from second to second, so the engines take turns on
 * small chunks of customers (a few milliseconds of work each), in an order that rotates from
 * chunk to chunk, for several passes over all customers: a burst of load falls on every engine
 * alike. Each chunk is timed in CPU time of this process (time spent waiting for a core does not
 * count), and an engine's figure is the median of its chunks. Young memory is collected, untimed,
 * before every chunk, so that each engine starts with an empty nursery and pays for the
 * collections its own garbage causes, not another's.
 */
type Engine = 'jsonLogic' | 'evaluate' | 'compiled' | 'bankOperations';
const ROUNDS = 4;
const CHUNK = 500;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;

function runChunk(engine: Engine, from: number, to: number): number {
  switch (engine) {
    case 'jsonLogic':
      for (let index = from; index < to; index++) {
        const customer = customers[index];
        for (const rule of rules) consume(jsonLogic.apply(rule as never, customer));
      }
      return (to - from) * rules.length;
    case 'evaluate':
      for (let index = from; index < to; index++) {
        const customer = customers[index];
        for (const rule of rules) consume(evaluate(rule, customer));
      }
      return (to - from) * rules.length;
    case 'compiled':
      for (let index = from; index < to; index++) {
        const customer = customers[index];
        for (const rule of compiled) consume(rule(customer));
      }
      return (to - from) * rules.length;
    case 'bankOperations':
      for (let index = from; index < to; index++) {
        const customer = customers[index];
        for (const rule of bankCompiled) consume(rule(customer, now));
      }
      return (to - from) * bankCompiled.length;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Evaluations per CPU-second of each engine: the median over all its chunks, so that a burst of load on a few chunks does not move the figure. */
function measureInterleaved(engines: Engine[]): Record<Engine, number> {
  const chunkRates = new Map<Engine, number[]>(engines.map((engine) => [engine, []]));
  for (const engine of engines) runChunk(engine, 0, customers.length); // warm-up
  collectGarbage({ type: 'major' });
  let turn = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let from = 0; from < customers.length; from += CHUNK, turn++) {
      const to = Math.min(from + CHUNK, customers.length);
      for (let offset = 0; offset < engines.length; offset++) {
        const engine = engines[(turn + offset) % engines.length]!;
        collectGarbage({ type: 'minor' });
        const started = process.cpuUsage();
        const evaluations = runChunk(engine, from, to);
        const spent = process.cpuUsage(started);
        chunkRates.get(engine)!.push((evaluations * 1_000_000) / Math.max(1, spent.user + spent.system));
      }
    }
  }
  const rates = {} as Record<Engine, number>;
  for (const [engine, values] of chunkRates) rates[engine] = median(values);
  return rates;
}

const rates = measureInterleaved(['jsonLogic', 'evaluate', 'compiled', 'bankOperations']);

/** Milliseconds until a hostile rule is refused, and the error it gives. */
function hostile(run: () => unknown): { ms: number; error: string } {
  const started = performance.now();
  try {
    run();
  } catch (error) {
    const ms = performance.now() - started;
    return { ms, error: error instanceof RuleError ? `${error.code} at ${error.path || '(root)'}` : `unexpected ${String(error)}` };
  }
  return { ms: performance.now() - started, error: 'NOT REFUSED' };
}

let deep: unknown = { var: 'x' };
for (let level = 0; level < 10_000; level++) deep = { '!': [deep] };
const squareData = { xs: Array.from({ length: 3000 }, () => new Array(3000).fill(0)) };
const hostileCases: [string, () => unknown][] = [
  ['10,000 levels deep', () => compile(deep)],
  ['10,000 levels deep, evaluate', () => evaluate(deep, {})],
  ['var __proto__', () => compile({ var: 'a.__proto__.polluted' })],
  ['catastrophic regex (a+)+$', () => compile({ matches: [{ var: 'x' }, '^(a+)+$'] })],
  ['catastrophic regex from data', () => evaluate({ matches: ['a'.repeat(5000) + '!', { var: 'p' }] }, { p: '(a|aa)*(a*)*$' })],
  ['map over map, 3,000 x 3,000', () => evaluate({ map: [{ var: 'xs' }, { map: [{ var: '' }, 1] }] }, squareData)],
  ['doubling merge in reduce', () => evaluate({ reduce: [{ var: 'xs' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] }, { xs: new Array(64).fill(0) })],
];

const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(`\nEvaluations per second of CPU time (user + system of this process).`);
console.log(`Rules: ${rules.length} rules x ${customers.length.toLocaleString('en-US')} customers = ${evaluationsPerPass.toLocaleString('en-US')} evaluations per pass; all three engines agree on every one.`);
console.table([
  { engine: 'json-logic-js apply', 'evaluations/s': format(rates.jsonLogic), 'vs json-logic-js': '1.00×' },
  { engine: '@tessera/rules evaluate', 'evaluations/s': format(rates.evaluate), 'vs json-logic-js': `${(rates.evaluate / rates.jsonLogic).toFixed(2)}×` },
  { engine: '@tessera/rules compile', 'evaluations/s': format(rates.compiled), 'vs json-logic-js': `${(rates.compiled / rates.jsonLogic).toFixed(2)}×` },
  { engine: 'compile, bank operations (10 rules)', 'evaluations/s': format(rates.bankOperations), 'vs json-logic-js': 'no peer' },
]);
console.log('Hostile rules (each must be refused with a RuleError within 50 ms):');
console.table(
  hostileCases
    .map(([name, run]) => ({ rule: name, ...hostile(run) }))
    .map((row) => ({ rule: row.rule, ms: row.ms.toFixed(2), refused: row.error.length > 60 ? `${row.error.slice(0, 57)}...` : row.error, 'within 50 ms': row.ms < 50 ? 'yes' : 'NO' })),
);

reportBench(
  'rules',
  [
    { name: 'rule evaluations, compiled', unit: 'evaluations/s', ours: rates.compiled, peer: rates.jsonLogic, peerName: 'json-logic-js apply', higherIsBetter: true, target: '>= 10' },
    { name: 'rule evaluations, evaluate()', unit: 'evaluations/s', ours: rates.evaluate, peer: rates.jsonLogic, peerName: 'json-logic-js apply', higherIsBetter: true },
  ],
  [`${evaluationsPerPass.toLocaleString('en-US')} evaluations per pass; results checked equal to json-logic-js before timing (${sink > 0 ? 'ok' : 'no output'})`],
);
