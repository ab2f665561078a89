// Unit tests run with swc (fast, no type check); `npm run typecheck` runs tsc.
// Integration tests (test/integration) need the test environment and run under their own config.
// Node 20 is supported on purpose (README): the AWS SDK's notice that its 2027 releases need Node 22
// would print in every run. Set before jest starts workers, so they and what they spawn inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/integration/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/generated/.*/dist/'],
};
