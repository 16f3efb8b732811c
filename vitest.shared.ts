import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Test settings every package shares. Under `pnpm test`, turbo runs every package's suites at
 * once on a 2-core CI machine, often beside other work, so a 1,000-case property test or a PGlite
 * start can take ten times longer than alone (seen: a 1,000-case property 67 s, a PGlite start in a
 * hook over 60 s, with `pnpm test:under-load` on a busy machine). Timeouts only catch hangs, never
 * measure speed: they are generous, and a test sets its own only when it needs more. Property tests
 * print the command that replays a failure (vitest.property-seed.ts).
 */
export const sharedTestConfig = {
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    setupFiles: [fileURLToPath(new URL('./vitest.property-seed.ts', import.meta.url))],
  },
} satisfies ViteUserConfig;
