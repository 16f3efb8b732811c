import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Test settings every package shares. Under `pnpm test`, turbo runs every package's suites at
 * once on a 2-core CI machine, often beside other work, so a 1,000-case property test or a PGlite
 * start can take ten times longer than alone (seen on a busy machine: a 1,000-case property over
 * 120 s that takes 40 s alone, a PGlite start in a hook over 60 s, a CDK synth with cdk-nag over 120 s). Timeouts only catch hangs, never
 * measure speed: they are generous, and a test sets its own only when it needs more. Property tests
 * print the command that replays a failure (vitest.property-seed.ts).
 */
export const sharedTestConfig = {
  test: {
    testTimeout: 300_000,
    hookTimeout: 600_000,
    setupFiles: [fileURLToPath(new URL('./vitest.property-seed.ts', import.meta.url))],
  },
} satisfies ViteUserConfig;
