import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// The PGlite worker is its own entry so both builds can start it from a file next to them.
export default defineConfig(packageBuild({ entry: ['src/index.ts', 'src/pglite-worker.ts', 'src/cli.ts'] }));
