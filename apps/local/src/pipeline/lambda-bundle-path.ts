import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { LambdaBundleError } from '../errors';

const require = createRequire(import.meta.url);

/**
 * The path of a handler package's Lambda bundle (`dist/lambda/index.mjs`), the file deploy uploads.
 *
 * @throws LambdaBundleError when the package is not built, saying how to build it.
 * @example
 * lambdaBundlePath('@shiftflow/elt-runner'); // '/work/main/packages/elt-runner/dist/lambda/index.mjs'
 */
export function lambdaBundlePath(packageName: '@shiftflow/elt-runner' | '@shiftflow/notifier'): string {
  const packageDirectory = path.dirname(require.resolve(`${packageName}/package.json`));
  const bundle = path.join(packageDirectory, 'dist', 'lambda', 'index.mjs');
  if (!existsSync(bundle)) {
    throw new LambdaBundleError(
      bundle,
      `the Lambda bundle of ${packageName} is missing (${bundle}); build it with: pnpm --filter ${packageName} build`,
    );
  }
  return bundle;
}
