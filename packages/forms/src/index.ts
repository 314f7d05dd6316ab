export { DefinitionError, type Problem } from '@tessera/rules';
