import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// The PGlite worker is its own entry so both builds can start it from a file next to them, and so is
// spawn-pglite-worker (a command starts the worker with it before loading the rest of the package);
// build-prepared-image is the build step that writes dist/prepared-data-dir.tgz (see package.json).
export default defineConfig(
  packageBuild({
    entry: [
      'src/index.ts',
      'src/pglite-worker.ts',
      'src/spawn-pglite-worker.ts',
      'src/dialect/binary-copy-converter-worker.ts',
      'src/cli.ts',
      'src/build-prepared-image.ts',
    ],
  }),
);
