const { jestConfig } = require('../../config/jest.base');

// Browser tests: the built server and web app, driven in headless Chromium.
module.exports = jestConfig(__dirname, {
  displayName: 'web-e2e',
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
});
