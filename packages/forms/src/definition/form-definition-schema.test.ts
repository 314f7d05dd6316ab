import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { loanApplicationDefinition } from '../test-support/loan-application';
import { formDefinitionSchema } from './form-definition-schema';

describe('the JSON Schema of a form definition', () => {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(formDefinitionSchema);

  it('accepts the loan application', () => {
    expect(validate(loanApplicationDefinition)).toBe(true);
  });

  it('rejects properties that do not apply to a field’s type', () => {
    const definition = {
      key: 'x',
      version: 1,
      title: { 'zh-CN': '表', en: 'Form' },
      fields: [{ key: 'a', type: 'mobile', label: { 'zh-CN': '手机', en: 'Mobile' }, minRows: 1 }],
    };
    expect(validate(definition)).toBe(false);
    expect(validate.errors?.some((error) => error.keyword === 'unevaluatedProperties' && error.instancePath === '/fields/0')).toBe(true);
  });

  it('requires both languages of every label', () => {
    const definition = { key: 'x', version: 1, title: { 'zh-CN': '表' }, fields: [{ key: 'a', type: 'text', label: { en: 'A' } }] };
    expect(validate(definition)).toBe(false);
    expect(validate.errors?.map((error) => `${error.instancePath}:${String(error.params.missingProperty)}`)).toEqual(['/title:en', '/fields/0/label:zh-CN']);
  });
});
