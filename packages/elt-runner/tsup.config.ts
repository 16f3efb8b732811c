import { defineConfig } from 'tsup';
import { lambdaBundle, packageBuild } from '../../tsup.base';

export default defineConfig([
  // The library; cleaning spares the Lambda bundles built beside it.
  { ...packageBuild({ entry: ['src/index.ts'], format: ['esm'] }), clean: ['!lambda/**', '!setup/**'] },
  // dist/lambda/index.mjs (handler) and dist/setup/index.mjs (onEvent, isComplete), typed for their subpath exports.
  lambdaBundle({
    entry: { 'lambda/index': 'src/handler.ts', 'setup/index': 'src/setup-handler.ts' },
    types: true,
  }),
]);
