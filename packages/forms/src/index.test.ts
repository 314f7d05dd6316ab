import { DefinitionError } from '@tessera/rules';
import * as forms from './index';

describe('@tessera/forms', () => {
  it('reports definition problems with the shared DefinitionError', () => {
    expect(forms.DefinitionError).toBe(DefinitionError);
    expect(() => forms.compileForm({ key: 'x' })).toThrow(DefinitionError);
  });

  it('offers the form engine, the value helpers and the test-data generators', () => {
    for (const name of [
      'compileForm', 'formDefinitionSchema', 'migrate', 'resolvePermission', 'addTesseraFormats', 'fieldTypeNames',
      'checkResidentId', 'parseResidentId', 'checkUscc', 'checkBankCard', 'isMainlandMobile', 'isLandline',
      'toChineseCapitals', 'maskValue', 'generateResidentId', 'generateUscc', 'generateBankCard', 'generateMobile',
    ]) {
      expect(forms).toHaveProperty(name);
    }
    expect(forms.fieldTypeNames).toHaveLength(31);
  });
});
