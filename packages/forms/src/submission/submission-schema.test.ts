import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { compileForm } from '../compile/compile-form';
import { collateralRow, loanDefinition, validApplication } from '../test-support/loan-application';
import { addTesseraFormats } from './submission-ajv';

const form = compileForm(loanDefinition());

function externalValidator() {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  addTesseraFormats(ajv);
  return ajv.compile(form.toJsonSchema());
}

describe('the JSON Schema of a submission', () => {
  it('is a 2020-12 schema with titles and the always-required fields', () => {
    const schema = form.toJsonSchema() as { $schema: string; required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['applicantName', 'idNumber', 'mobile', 'applicantType', 'loanAmount', 'loanTermMonths', 'purpose', 'disbursementCard', 'agreeTerms']);
    expect(schema.properties.loanAmount).toMatchObject({ type: 'string', title: '贷款金额', description: 'Loan amount' });
    expect(schema.properties.collateralTotal).toMatchObject({ readOnly: true });
    expect(schema.properties).not.toHaveProperty('note');
  });

  it('lists what a given audience must fill in', () => {
    expect((form.toJsonSchema({ role: 'risk_officer' }) as { required: string[] }).required).toEqual(['riskRating']);
  });

  it('validates submissions with any ajv once the Tessera formats are added', () => {
    const validate = externalValidator();
    expect(validate(validApplication())).toBe(true);
    expect(validate({ ...validApplication(), loanAmount: '900000.00', collaterals: [collateralRow('500000.00')] })).toBe(true);
    expect(validate({ ...validApplication(), idNumber: '110105194912310021' })).toBe(false);
    expect(validate({ ...validApplication(), disbursementCard: '4111111111111112' })).toBe(false);
    expect(validate({ ...validApplication(), collaterals: [{ kind: 'car', value: '1.00' }] })).toBe(false);
  });
});
