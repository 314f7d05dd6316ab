import Ajv2020 from 'ajv/dist/2020';
import type Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { isBankCard } from '../values/bank-card';
import { isResidentId } from '../values/resident-id';
import { isUscc } from '../values/uscc';

/**
 * Registers the formats Tessera's submission schemas name (`cn-resident-id`, `cn-uscc`,
 * `bank-card`), for anyone validating with `toJsonSchema()` outside the form engine.
 */
export function addTesseraFormats(ajv: Ajv | Ajv2020): void {
  ajv.addFormat('cn-resident-id', { type: 'string', validate: isResidentId });
  ajv.addFormat('cn-uscc', { type: 'string', validate: isUscc });
  ajv.addFormat('bank-card', { type: 'string', validate: isBankCard });
}

/** The ajv the form engine validates with; the bank formats are checked by the field types, with finer codes. */
export function createSubmissionAjv(): Ajv2020 {
  // The engine writes these schemas itself, so checking them against the meta-schema (costly
  // for every new instance) would only re-check the engine.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateSchema: false });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  for (const format of ['cn-resident-id', 'cn-uscc', 'bank-card']) ajv.addFormat(format, true);
  return ajv;
}
