import type { FormDefinition } from '../definition/types';
import definition from '../fixtures/loan-application.form.json';
import { generateBankCard, generateMobile, generateResidentId } from '../test-data';

export const loanApplicationDefinition = definition as unknown as FormDefinition;

/** A copy of the loan form definition, to change in one test without touching the others. */
export function loanDefinition(): FormDefinition {
  return structuredClone(loanApplicationDefinition);
}

/** A complete, valid application as an account manager would submit it (no riskRating: hidden from that role). */
export function validApplication(seed = 1): Record<string, unknown> {
  return {
    applicantName: '张伟',
    idNumber: generateResidentId('1988-03-14', 'male', seed, '310115'),
    mobile: generateMobile(seed),
    applicantType: 'individual',
    loanAmount: '300000.00',
    loanTermMonths: 36,
    annualRate: 4.35,
    purpose: 'consumption',
    disbursementCard: generateBankCard(seed),
    agreeTerms: true,
  };
}

export function collateralRow(value: string, seed = 1): Record<string, unknown> {
  return { kind: 'property', value, ownerIdNumber: generateResidentId('1960-01-01', 'female', seed), appraisedOn: '2026-10-01' };
}
