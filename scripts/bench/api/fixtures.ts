/** What the benchmark sends: loan applications and task decisions a loan desk would really enter. */

const applicants = ['何明', '张伟', '王秀英', '李娜', '刘洋', '陈杰', '杨静', '赵军'];
const purposes = ['家庭装修', '购置家具家电', '子女教育', '旅游消费', '医疗支出'];
const branches = ['sh_lujiazui', 'sh_xujiahui', 'bj_guomao', 'sz_futian'];

const attachments = [
  { name: '身份证.pdf', size: 120000, type: 'application/pdf', storageKey: 'bench/id.pdf' },
  { name: '收入证明.pdf', size: 98000, type: 'application/pdf', storageKey: 'bench/income.pdf' },
];

/**
 * A complete consumer-loan application (every required field, two collateral rows), varied by
 * `n`. The resident ID, mobile and bank card are valid numbers (checksum, prefix, Luhn).
 */
export function loanApplication(n: number): Record<string, unknown> {
  // Up to 300,000 with the happy path's income and history: grade B, approved by the branch manager.
  const amount = 100_000 + (n % 21) * 10_000;
  return {
    applicant: { id: 'cust-0001', display: applicants[n % applicants.length] },
    applicantName: applicants[n % applicants.length],
    idNumber: '310104199003070085',
    mobile: '13076665549',
    accountManager: 'account_manager',
    branch: branches[n % branches.length],
    product: 'consumer',
    amount: `${amount}.00`,
    termMonths: 36,
    purpose: purposes[n % purposes.length],
    monthlyIncome: '25000.00',
    monthlyDebt: '3000.00',
    employmentYears: 6,
    repaymentCard: '6222020766655490809',
    collateral: [
      { type: 'deposit', description: `定期存单 No.${100000 + n}`, value: '200000.00' },
      { type: 'guarantee', description: '配偶连带责任保证', value: `${amount}.00` },
    ],
    attachments,
  };
}

/** The credit officer's review that sends the application on to risk review. */
export const creditContinue = { reviewDecision: 'continue', verifiedIncome: '25000.00', reviewComment: '收入与流水一致，同意提交风险审查' };

export const riskApprove = { riskOpinion: 'approve', riskLevel: 'low', riskComment: '风险可控' };

/** The branch manager's approval of the amount applied for. */
export function branchApprove(application: Record<string, unknown>): Record<string, unknown> {
  return { decision: 'approve', approvedAmount: application.amount, decisionComment: '同意' };
}

export const returnForDocuments = { reviewDecision: 'return', missingMaterials: '近六个月银行流水', reviewComment: '缺少流水，请补充' };

export const supplement = {
  attachments: [...attachments, { name: '银行流水.pdf', size: 310000, type: 'application/pdf', storageKey: 'bench/statement.pdf' }],
};

export const rejectApplication = { reviewDecision: 'reject', reviewComment: '负债收入比过高，不予受理' };
