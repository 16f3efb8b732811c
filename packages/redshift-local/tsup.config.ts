import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// The PGlite worker is its own entry so both builds can start it from a file next to them;
// build-prepared-image is the build step that writes dist/prepared-data-dir.tgz (see package.json).
export default defineConfig(
  packageBuild({
    entry: ['src/index.ts', 'src/pglite-worker.ts', 'src/cli.ts', 'src/build-prepared-image.ts'],
  }),
);
