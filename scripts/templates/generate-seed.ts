/**
 * Writes the seed data of the bank templates (templates/<name>/seed/*.json): a year of customers,
 * holdings, follow-ups, campaign responses, loan applications and complaints, deterministic so the
 * committed files only change when this script does. Identifiers are checksum-valid test values.
 *
 *   pnpm exec tsx --conditions=tessera-source scripts/templates/generate-seed.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBankCard, generateMobile, generateResidentId, seededRandom } from '@tessera/forms';

const templates = join(__dirname, '..', '..', 'templates');
const random = seededRandom(20261123);
const yearEnd = Date.parse('2026-11-20T10:00:00+08:00');
const day = 24 * 3600 * 1000;

const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const weighted = <T>(entries: readonly [T, number][]): T => {
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) if ((roll -= weight) < 0) return value;
  return entries[entries.length - 1]![0];
};
const money = (value: number): string => value.toFixed(2);
const iso = (time: number): string => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
const date = (time: number): string => new Date(time + 8 * 3600 * 1000).toISOString().slice(0, 10);
// Office hours in Shanghai (UTC+8): 09:00–17:59 local.
const withinYear = (): number => {
  const base = yearEnd - between(0, 364) * day;
  const midnightShanghai = Math.floor((base + 8 * 3600 * 1000) / day) * day - 8 * 3600 * 1000;
  return midnightShanghai + between(9, 17) * 3600 * 1000 + between(0, 59) * 60 * 1000;
};
const pad = (value: number, width = 4): string => String(value).padStart(width, '0');

function write(template: string, file: string, form: string, records: unknown[]): void {
  writeFileSync(join(templates, template, 'seed', file), `${JSON.stringify({ form, records }, null, 1)}\n`);
  console.log(`${template}/seed/${file}: ${records.length} ${form} records`);
}

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '晓东', '子涵', '宇轩', '欣怡', '浩然'];
const branches = ['sh_lujiazui', 'sh_xujiahui', 'bj_guomao', 'sz_futian', 'hz_xihu'];
const managers = ['account_manager', 'account_manager_west'];
const regions = ['110101', '310104', '310115', '440304', '330106', '320102'];

// ---------------------------------------------------------------- customer-profile
interface Customer {
  id: string;
  name: string;
  idNumber: string;
  mobile: string;
  accountManager: string;
  branch: string;
  aum: number;
  birth: string;
  createdAt: number;
}
const link = (customer: Customer): { id: string; display: string } => ({ id: customer.id, display: customer.name });
const customers: Customer[] = [];
const customerRecords = [];
for (let index = 1; index <= 320; index++) {
  const sex = random() < 0.5 ? 'male' : 'female';
  const birth = `${between(1955, 2003)}-${pad(between(1, 12), 2)}-${pad(between(1, 28), 2)}`;
  const tier = weighted([['mass', 70], ['vip', 25], ['private', 5]] as const);
  const aum = tier === 'mass' ? between(2_000, 499_999) : tier === 'vip' ? between(500_000, 5_999_999) : between(6_000_000, 40_000_000);
  const declining = random() < 0.08;
  const aumTwoMonthsAgo = declining ? aum * (2.2 + random()) : aum * (0.9 + random() * 0.2);
  const aumLastMonth = declining ? aumTwoMonthsAgo * (0.45 + random() * 0.2) : aum * (0.95 + random() * 0.1);
  const createdAt = withinYear() - between(0, 200) * day;
  const lastLogin = declining ? createdAt - between(40, 120) * day : yearEnd - between(0, 25) * day;
  const tags = [
    ...(tier === 'vip' ? ['vip'] : tier === 'private' ? ['private_banking', 'high_net_worth'] : []),
    ...(declining ? ['aum_decline', 'inactive_mobile'] : []),
    ...(random() < 0.2 ? ['wealth_interest'] : []),
  ];
  const customer: Customer = {
    id: `cust-${pad(index)}`,
    name: pick(surnames) + pick(givenNames),
    idNumber: generateResidentId(birth, sex, index, pick(regions)),
    mobile: generateMobile(index),
    accountManager: index % 3 === 0 ? managers[1]! : managers[0]!,
    branch: pick(branches),
    aum,
    birth,
    createdAt,
  };
  customers.push(customer);
  customerRecords.push({
    id: customer.id,
    createdAt: iso(createdAt),
    createdBy: customer.accountManager,
    data: {
      name: customer.name,
      idNumber: customer.idNumber,
      mobile: customer.mobile,
      occupation: pick(['employee', 'civil_servant', 'business_owner', 'professional', 'freelancer', 'retired', 'other']),
      riskPreference: weighted([['conservative', 40], ['balanced', 45], ['aggressive', 15]] as const),
      aum: money(aum),
      aumLastMonth: money(aumLastMonth),
      aumTwoMonthsAgo: money(aumTwoMonthsAgo),
      lastMobileLoginDate: date(lastLogin),
      tier,
      healthScore: declining ? 80 : between(88, 100),
      warning: declining,
      tags,
      accountManager: customer.accountManager,
      branch: customer.branch,
    },
  });
}
write('customer-profile', 'customers.json', 'customer', customerRecords);

const productNames: Record<string, string[]> = {
  deposit: ['三年期定期存款', '一年期定期存款'],
  wealth: ['稳盈 90 天理财', '季季享理财', '添利半年定开'],
  fund: ['沪深 300 指数基金', '稳健债券基金'],
  insurance: ['年金保险', '终身寿险'],
  bond: ['储蓄国债（电子式）'],
  large_cd: ['大额存单 3 年期'],
};
const holdings = [];
for (let index = 1; index <= 480; index++) {
  const customer = pick(customers);
  const productType = pick(Object.keys(productNames));
  const start = Math.max(customer.createdAt, yearEnd - 700 * day) + between(0, 300) * day;
  const expiry = start + between(90, 1100) * day;
  holdings.push({
    id: `hold-${pad(index)}`,
    createdAt: iso(Math.min(start, yearEnd)),
    createdBy: customer.accountManager,
    data: {
      customer: link(customer),
      productType,
      productName: pick(productNames[productType]!),
      amount: money(Math.max(10_000, Math.round((customer.aum * (0.1 + random() * 0.4)) / 1000) * 1000)),
      startDate: date(start),
      expiryDate: date(expiry),
      renewed: expiry < yearEnd && random() < 0.6,
      accountManager: customer.accountManager,
    },
  });
}
write('customer-profile', 'product-holdings.json', 'product_holding', holdings);

const followUpNotes = ['电话回访，客户对现有产品满意', '介绍新发行理财产品，客户表示考虑', '产品到期前提醒，客户同意续存', '客户资产下降，了解原因为购房支出', '生日问候并赠送礼品', '网点面谈，完成风险测评更新'];
const followUps = [];
for (let index = 1; index <= 960; index++) {
  const customer = pick(customers);
  const at = withinYear();
  followUps.push({
    id: `follow-${pad(index)}`,
    createdAt: iso(at),
    createdBy: customer.accountManager,
    data: {
      customer: link(customer),
      followedAt: iso(at),
      channel: weighted([['phone', 55], ['wechat', 25], ['branch', 12], ['visit', 8]] as const),
      purpose: pick(['maintenance', 'expiry', 'warning', 'birthday', 'marketing']),
      content: pick(followUpNotes),
      nextFollowUpDate: date(at + between(14, 90) * day),
      accountManager: customer.accountManager,
    },
  });
}
write('customer-profile', 'followups.json', 'customer_followup', followUps);

const responses = [];
for (let index = 1; index <= 360; index++) {
  const customer = pick(customers);
  const response = weighted([['interested', 30], ['purchased', 20], ['declined', 30], ['no_answer', 20]] as const);
  const at = withinYear();
  responses.push({
    id: `campaign-${pad(index)}`,
    createdAt: iso(at),
    createdBy: customer.accountManager,
    data: {
      customer: link(customer),
      campaign: pick(['new_year_wealth', 'pension_account', 'credit_card_upgrade', 'mobile_banking_gift']),
      respondedAt: date(at),
      response,
      ...(response === 'purchased' ? { amount: money(between(1, 50) * 10_000) } : {}),
      accountManager: customer.accountManager,
    },
  });
}
write('customer-profile', 'campaign-responses.json', 'campaign_response', responses);

// ---------------------------------------------------------------- loan-approval
const addWorkingDays = (start: number, days: number): number => {
  let time = start;
  for (let left = days; left > 0; ) {
    time += day;
    const weekday = new Date(time + 8 * 3600 * 1000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return time;
};
const loans = [];
// Lenders take applicants aged 18 to 65.
const borrowers = customers.filter((customer) => customer.birth >= '1962-01-01' && customer.birth <= '2006-01-01');
for (let index = 1; index <= 260; index++) {
  const customer = pick(borrowers);
  const product = weighted([['consumer', 40], ['mortgage', 25], ['car', 15], ['business', 20]] as const);
  const amount = product === 'mortgage' ? between(30, 300) * 10_000 : product === 'business' ? between(10, 200) * 10_000 : between(2, 50) * 10_000;
  const income = between(6, 80) * 1000;
  const debt = Math.round(income * random() * 0.5);
  const submittedAt = withinYear();
  const status = submittedAt > yearEnd - 20 * day
    ? weighted([['credit_review', 40], ['returned', 10], ['risk_review', 25], ['approval', 25]] as const)
    : weighted([['disbursed', 55], ['approved', 5], ['rejected', 40]] as const);
  const decided = ['disbursed', 'approved', 'rejected'].includes(status);
  const score = Math.min(900, 400 + (income >= 30000 ? 150 : income >= 10000 ? 90 : 30) + (debt / income <= 0.3 ? 120 : debt / income <= 0.5 ? 60 : 0) + between(0, 2) * 40 + (product === 'mortgage' || product === 'car' ? 100 : 0));
  const grade = score >= 700 ? 'A' : score >= 600 ? 'B' : score >= 500 ? 'C' : 'D';
  const collateral = product === 'mortgage'
    ? [{ type: 'property', description: '住宅一套', value: money(amount * (1.4 + random())) }]
    : product === 'car'
      ? [{ type: 'vehicle', description: '新购车辆', value: money(amount * 1.2) }]
      : [];
  loans.push({
    id: `loan-${pad(index)}`,
    createdAt: iso(submittedAt),
    createdBy: customer.accountManager,
    data: {
      applicant: link(customer),
      applicantName: customer.name,
      idNumber: customer.idNumber,
      mobile: customer.mobile,
      accountManager: customer.accountManager,
      branch: customer.branch,
      product,
      amount: money(amount),
      termMonths: product === 'mortgage' ? pick([120, 240, 360]) : pick([12, 24, 36, 60]),
      purpose: { consumer: '家庭装修', mortgage: '购买首套住房', car: '购买家用汽车', business: '经营周转' }[product],
      monthlyIncome: money(income),
      monthlyDebt: money(debt),
      employmentYears: between(0, 25),
      repaymentCard: generateBankCard(index),
      collateral,
      attachments: [
        { name: '身份证.pdf', size: between(80_000, 400_000), type: 'application/pdf', storageKey: `seed/loan-${pad(index)}/id.pdf` },
        { name: '收入证明.pdf', size: between(80_000, 400_000), type: 'application/pdf', storageKey: `seed/loan-${pad(index)}/income.pdf` },
      ],
      status,
      creditScore: score,
      creditGrade: grade,
      submittedAt: iso(submittedAt),
      ...(decided ? { decidedAt: iso(addWorkingDays(submittedAt, between(2, 12)) + between(0, 6) * 3600 * 1000) } : {}),
      ...(status === 'returned' ? { missingMaterials: '近六个月银行流水' } : {}),
    },
  });
}
write('loan-approval', 'loan-applications.json', 'loan_application', loans);

// ---------------------------------------------------------------- complaint-ticket
const descriptions: Record<string, string> = {
  service_attitude: '柜员办理业务时态度冷淡，解释不清楚',
  fees: '账户管理费扣收未提前告知',
  wealth_sales: '购买理财时未充分揭示风险',
  card: '信用卡被盗刷，要求冻结并退款',
  loan: '提前还款违约金计算有异议',
  digital_banking: '手机银行转账失败但已扣款',
  queue: '网点排队等候超过一小时',
  other: '对网点停车安排不满',
};
const complaints = [];
for (let index = 1; index <= 340; index++) {
  const customer = random() < 0.85 ? pick(customers) : undefined;
  const category = weighted([['service_attitude', 18], ['fees', 14], ['wealth_sales', 10], ['card', 16], ['loan', 8], ['digital_banking', 18], ['queue', 12], ['other', 4]] as const);
  const severity = weighted([['high', 20], ['medium', 50], ['low', 30]] as const);
  const receivedAt = withinYear();
  const open = receivedAt > yearEnd - 3 * day;
  const slaHours = severity === 'high' ? 2 : 24;
  const breached = random() < 0.12;
  const responseHours = breached ? slaHours * (1.2 + random() * 2) : slaHours * (0.1 + random() * 0.8);
  const firstResponseAt = receivedAt + responseHours * 3600 * 1000;
  const resolvedAt = firstResponseAt + between(2, 96) * 3600 * 1000;
  const surveyed = !open && random() < 0.7;
  const csat = surveyed ? weighted([[5, 35], [4, 30], [3, 15], [2, 12], [1, 8]] as const) : undefined;
  complaints.push({
    id: `complaint-${pad(index)}`,
    createdAt: iso(receivedAt),
    createdBy: 'complaint_handler',
    data: {
      ...(customer ? { customer: link(customer) } : {}),
      customerName: customer?.name ?? pick(surnames) + pick(givenNames),
      mobile: customer?.mobile ?? generateMobile(10_000 + index),
      channel: weighted([['hotline', 45], ['branch', 20], ['app', 15], ['wechat', 12], ['letter', 3], ['regulator', 5]] as const),
      category,
      severity,
      description: descriptions[category],
      branch: customer?.branch ?? pick(branches),
      receivedAt: iso(receivedAt),
      department: { service_attitude: 'retail', queue: 'retail', fees: 'consumer_protection', wealth_sales: 'wealth', card: 'cards', loan: 'credit', digital_banking: 'digital', other: 'consumer_protection' }[category],
      status: open ? pick(['open', 'in_progress']) : 'closed',
      ...(open ? {} : { firstResponseAt: iso(firstResponseAt), resolvedAt: iso(resolvedAt) }),
      slaBreached: !open && breached,
      ...(csat !== undefined ? { csat, nps: Math.max(0, Math.min(10, csat * 2 - between(0, 2) + (csat >= 4 ? 1 : 0))) } : {}),
    },
  });
}
write('complaint-ticket', 'complaints.json', 'complaint', complaints);
