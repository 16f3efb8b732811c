import { defineConfig } from 'tsup';
import { lambdaBundle, packageBuild } from '../../tsup.base';

export default defineConfig([
  // The library; cleaning spares the Lambda bundle built beside it.
  { ...packageBuild({ entry: ['src/index.ts'], format: ['esm'] }), clean: ['!lambda/**'] },
  // dist/lambda/index.mjs: handler and reconcile.
  lambdaBundle({ entry: { 'lambda/index': 'src/lambda/index.ts' } }),
]);
