const { jestConfig } = require('../../config/jest.base');

// Browser tests: the built server and web app, driven in headless Chromium.
module.exports = jestConfig(__dirname, {
  displayName: 'web-e2e',
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  // The bank templates are installed once, into a data directory each test file that needs them
  // starts from a copy of; that first start took up to 150 s on a busy 2-core machine.
  globalSetup: '<rootDir>/../../scripts/e2e/installed-templates.ts',
  globalTeardown: '<rootDir>/../../scripts/e2e/installed-templates-teardown.ts',
  testTimeout: 240_000,
  maxWorkers: 1,
});
