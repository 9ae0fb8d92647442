import { defineConfig } from 'vitest/config';

// Two cores on CI: at most two workers, and forks so that tests that spawn processes or bind
// sockets stay isolated from each other.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
