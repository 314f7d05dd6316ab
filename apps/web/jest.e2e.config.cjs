const { jestConfig } = require('../../config/jest.base');

// Browser tests: the built server and web app, driven in headless Chromium.
module.exports = jestConfig(__dirname, {
  displayName: 'web-e2e',
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  // A first start installs the three templates with their seed data, which took up to 150 s on a
  // busy 2-core machine; hooks and tests get room for it.
  testTimeout: 240_000,
  maxWorkers: 1,
});
