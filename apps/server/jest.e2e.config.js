// Tests that run the built server (dist/) as a child process: `pnpm run test:e2e` after a build.
const base = require('./jest.config');

module.exports = { ...base, testMatch: ['<rootDir>/src/**/*.e2e.ts'], testTimeout: 240_000 };
