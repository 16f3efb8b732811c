import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig([
  // The library; cleaning spares the Lambda bundles built beside it.
  { ...packageBuild({ entry: ['src/index.ts'], format: ['esm'] }), clean: ['!lambda/**', '!setup/**'] },
  // Single-file Lambda bundles: dist/lambda/index.mjs (handler), dist/setup/index.mjs (onEvent, isComplete).
  {
    entry: { 'lambda/index': 'src/handler.ts', 'setup/index': 'src/setup-handler.ts' },
    format: ['esm'],
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node24',
    minify: true,
    splitting: false,
    noExternal: [/.*/],
    clean: false,
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    esbuildOptions(options) {
      options.mainFields = ['module', 'main'];
    },
  },
]);
