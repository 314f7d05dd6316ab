/** Generators of valid, checksummed bank identifiers for tests and seed data. Never for production records. */
export { generateResidentId } from './generate-resident-id';
export { generateUscc } from './generate-uscc';
export { generateBankCard } from './generate-bank-card';
export { generateMobile } from './generate-mobile';
export { seededRandom } from './seeded-random';
