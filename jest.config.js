// Unit tests run with swc (fast, no type check); `npm run typecheck` runs tsc.
// Integration tests (test/integration) need the test environment and run under their own config.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/integration/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/generated/.*/dist/'],
};
