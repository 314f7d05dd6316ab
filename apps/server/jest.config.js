const { jestConfig } = require('../../config/jest.base');

const base = jestConfig(__dirname, { testTimeout: 60_000 });
// commander is published as ES modules only; Jest's CommonJS runtime needs it transformed.
const [ignoreNodeModules] = base.transformIgnorePatterns;

module.exports = {
  ...base,
  transformIgnorePatterns: [ignoreNodeModules.replace('(?!(\\.pnpm/)?(', '(?!(\\.pnpm/)?(commander|')],
};
