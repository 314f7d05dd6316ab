// Shared Jest configuration: every package's jest.config.js calls this.
// Tests run TypeScript through SWC and resolve workspace packages to their
// sources via the "tessera-source" export condition, so no build is needed.
const path = require('node:path');

// ESM-only dependencies that Jest's CommonJS runtime must have transformed.
const esmPackages = [
  'bpmn-moddle', 'moddle', 'moddle-xml', 'saxen', 'min-dash', 'min-dom', 'bpmn-js', 'diagram-js',
  'tiny-svg', 'didi', 'path-intersection', 'ids', 'object-refs', 'inherits-browser', 'bpmn-engine',
  'bpmn-elements', 'smqp', 'moddle-context-serializer', 'nanoid', 'uuid', 'fast-check', 'pure-rand',
];

function jestConfig(dir, overrides = {}) {
  return {
    rootDir: dir,
    displayName: path.basename(dir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx', '<rootDir>/test/**/*.test.ts'],
    testEnvironmentOptions: { customExportConditions: ['tessera-source', 'node', 'require', 'default'] },
    transform: {
      '^.+\\.(t|j|mj|cj)sx?$': [
        require.resolve('@swc/jest'),
        {
          jsc: {
            parser: { syntax: 'typescript', tsx: true, decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
          sourceMaps: 'inline',
        },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?(${esmPackages.join('|')})[@/])`],
    moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
    ...overrides,
  };
}

module.exports = { jestConfig };
