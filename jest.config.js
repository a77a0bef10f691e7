const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  // @middy/core ships ESM only in some files; let swc transform it.
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/slow-tests.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  // Unit and function tests; test/setup/slow-tests.ts gives e2e and stack tests their own.
  testTimeout: 30000,
  // A worker per core: an e2e file keeps one core busy about three quarters of its time (its local cloud's clock
  // waits), so jest's default, one core fewer, ran a 2-core machine's suite one file at a time, at twice the time.
  maxWorkers: availableParallelism(),
  // A stopped local cloud can leave in-process Lambda invocations whose SDK clients are still backing off
  // against it (up to half a minute); the run is over when the tests are, so do not wait for them.
  forceExit: true,
};
