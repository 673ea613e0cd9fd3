import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests in happy-dom, and real-browser tests that share one Chromium for the
// whole run (launched in test/browser/global-setup.ts). Browser files run one at a time: the machine
// has 2 cores, and parallel Chromium pages only make timing-sensitive tests flaky.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          // A bound, not a wait: property tests and in-memory builds take 5-8 s on a 2-core machine
          // under heavy load (a load average around 24), far past vitest's 5 s default.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          fileParallelism: false,
          // A bound for a loaded 2-core machine, not a wait: every test waits on events and polled
          // conditions, never on the timeout, so a generous bound only stops a slow run from failing.
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
