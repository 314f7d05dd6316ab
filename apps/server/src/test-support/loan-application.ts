import fs from 'node:fs';
import path from 'node:path';
import { generateBankCard, generateMobile, generateResidentId, type FormDefinition } from '@tessera/forms';

const templateForm = path.resolve(__dirname, '../../../../templates/loan-approval/forms/loan-application.form.json');

/** The loan application form of the loan-approval template, as IT would import it. */
export function loanApplicationDefinition(): FormDefinition {
  return JSON.parse(fs.readFileSync(templateForm, 'utf8')) as FormDefinition;
}

/** A complete, valid application as an account manager submits it. */
export function loanApplicationData(seed = 1): Record<string, unknown> {
  return {
    applicant: { id: `customer-${seed}`, display: '张三' },
    applicantName: '张三',
    idNumber: generateResidentId('1988-04-12', 'male', seed),
    mobile: generateMobile(seed),
    accountManager: 'account_manager',
    branch: 'sh_lujiazui',
    product: 'consumer',
    amount: '200000.00',
    termMonths: 36,
    purpose: '装修',
    monthlyIncome: '25000.00',
    monthlyDebt: '2000.00',
    employmentYears: 6,
    repaymentCard: generateBankCard(seed),
    collateral: [{ type: 'property', description: '上海浦东房产', value: '1500000.00' }],
    attachments: [
      { name: 'income.pdf', size: 20480, type: 'application/pdf', storageKey: `uploads/${seed}/income.pdf` },
    ],
  };
}

/** For each input field, a valid value different from `loanApplicationData(1)`'s. */
export function changedLoanValues(): Record<string, unknown> {
  return {
    applicant: { id: 'customer-99', display: '李四' },
    applicantName: '李四',
    idNumber: generateResidentId('1990-09-30', 'female', 99),
    mobile: generateMobile(99),
    accountManager: 'account_manager_west',
    branch: 'sh_xujiahui',
    product: 'mortgage',
    amount: '350000.00',
    termMonths: 48,
    purpose: '购车',
    monthlyIncome: '31000.00',
    monthlyDebt: '1500.00',
    employmentYears: 8,
    repaymentCard: generateBankCard(99),
    collateral: [{ type: 'deposit', description: '定期存单', value: '400000.00' }],
    attachments: [{ name: 'contract.pdf', size: 1024, type: 'application/pdf', storageKey: 'uploads/99/contract.pdf' }],
    status: 'approved',
    creditScore: 720,
    creditGrade: 'A',
    submittedAt: '2026-11-23T08:00:00Z',
    decidedAt: '2026-11-24T08:00:00Z',
    missingMaterials: '无',
  };
}
