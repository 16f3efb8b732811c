import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig([
  packageBuild({ entry: ['src/index.ts'], format: ['esm'] }),
  // The Lambda bundle: one minified ESM file with the AWS SDK inside. `module` first, or esbuild
  // picks the SDK's CommonJS build, which crashes on `Dynamic require of "node:https"`.
  {
    entry: { index: 'src/lambda/index.ts' },
    outDir: 'dist/lambda',
    format: ['esm'],
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node24',
    minify: true,
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: false,
    noExternal: [/.*/],
    esbuildOptions(options) {
      options.mainFields = ['module', 'main'];
    },
  },
]);
