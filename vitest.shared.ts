import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Test settings every package shares. Under `pnpm test`, turbo runs every package's suites at
 * once on a 2-core CI machine, so a 1,000-case property test or a PGlite start can take several
 * times longer than alone: timeouts are generous, and a hang still fails. Property tests print the
 * command that replays a failure (vitest.property-seed.ts).
 */
export const sharedTestConfig = {
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    setupFiles: [fileURLToPath(new URL('./vitest.property-seed.ts', import.meta.url))],
  },
} satisfies ViteUserConfig;
