// Integration tests: one test environment (etcd, kube-apiserver, the AWS half) for the whole run,
// started by test/env/global-setup.ts. Run with --runInBand: tests share the environment.
// Node 20 is supported on purpose (README): the AWS SDK's notice that its 2027 releases need Node 22
// would print in every run. Set before jest starts workers, so they and what they spawn inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/generated/.*/dist/'],
  globalSetup: '<rootDir>/test/env/global-setup.ts',
  globalTeardown: '<rootDir>/test/env/global-teardown.ts',
  // A cold first run builds kube-apiserver from source in globalSetup; tests themselves get generous time on 2 cores.
  testTimeout: 120000,
};
