import { compileForm } from '../compile/compile-form';
import { collateralRow, loanDefinition, validApplication } from '../test-support/loan-application';

const form = compileForm(loanDefinition());
const stored = {
  ...validApplication(),
  idNumber: '11010519491231002X',
  mobile: '13812341234',
  disbursementCard: '6222021234567890128',
  homeAddress: { region: { province: '310000', city: '310100' }, detail: '浦东新区世纪大道100号' },
  loanAmount: '800000.00',
  collaterals: [collateralRow('500000.00')],
  riskRating: 'B',
  creditOpinion: '收入稳定',
};

describe('projecting a record for a reader', () => {
  it('shows a writer everything it may write, unmasked, and hides what it may not see', () => {
    const projected = form.project(stored, { role: 'account_manager' });
    expect(projected.mobile).toBe('13812341234');
    expect(projected.idNumber).toBe('11010519491231002X');
    expect(projected).not.toHaveProperty('riskRating');
    expect(projected).not.toHaveProperty('creditOpinion');
  });

  it('masks what a reader may only read', () => {
    const projected = form.project(stored, { role: 'risk_officer' });
    expect(projected).toMatchObject({
      applicantName: '张*',
      idNumber: '110***********002X',
      mobile: '138****1234',
      disbursementCard: '6222***********0128',
      homeAddress: { region: { province: '310000', city: '310100' }, detail: '浦东新区********' },
      loanAmount: '800000.00',
      riskRating: 'B',
      creditOpinion: '收入稳定',
    });
    expect((projected.collaterals as Array<Record<string, unknown>>)[0]!.ownerIdNumber).toMatch(/^110\*{11}\d{3}[\dX]$/);
  });

  it('leaves a role named in unmaskedRoles unmasked', () => {
    const projected = form.project(stored, { role: 'credit_officer' });
    expect(projected.idNumber).toBe('11010519491231002X');
    expect(projected.mobile).toBe('138****1234');
  });

  it('decides by the process step when one is given', () => {
    const atCreditReview = form.project(stored, { role: 'credit_officer', step: 'Task_CreditReview' });
    expect(atCreditReview.creditOpinion).toBe('收入稳定');
    expect(atCreditReview.mobile).toBe('138****1234');
  });

  it('drops what the form does not define', () => {
    expect(form.project({ ...stored, secret: 'x' }, { role: 'account_manager' })).not.toHaveProperty('secret');
  });
});
