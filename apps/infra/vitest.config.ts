import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared';

// Loading aws-cdk-lib and synthesizing stacks takes seconds on a shared machine: one file at a
// time, each sharing its synthesized stacks across its tests, with generous timeouts.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: {
      fileParallelism: false,
      testTimeout: 60_000,
    },
  }),
);
