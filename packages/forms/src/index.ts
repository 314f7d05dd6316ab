export { DefinitionError, type Problem } from '@tessera/rules';

// Field-value helpers, usable on their own.
export { checkResidentId, isResidentId, parseResidentId, residentIdCheckCharacter } from './values/resident-id';
export type { ResidentIdCheck, ResidentIdInfo, ResidentIdProblem, Sex } from './values/resident-id';
export { checkUscc, isUscc, usccCheckCharacter } from './values/uscc';
export { checkBankCard, isBankCard, luhnCheckDigit, passesLuhn } from './values/bank-card';
export { isLandline, isMainlandMobile } from './values/phone';
export { toChineseCapitals } from './values/chinese-capitals';
export { compareDecimal, formatMoney, isDecimalString } from './values/money';
export { ageOn, businessDate, isIsoDate } from './values/calendar';
export { maskValue, type Mask, type MaskPreset, type MaskRule } from './masking/mask-value';

// Test-data generators: valid checksummed identifiers for tests and seed data.
export { generateBankCard, generateMobile, generateResidentId, generateUscc, seededRandom } from './test-data';
