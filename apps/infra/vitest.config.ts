import { defineConfig } from 'vitest/config';

// Loading aws-cdk-lib and synthesizing stacks takes seconds on a shared machine: one file at a
// time, each sharing its synthesized stacks across its tests, with generous hook timeouts.
export default defineConfig({
  test: {
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
