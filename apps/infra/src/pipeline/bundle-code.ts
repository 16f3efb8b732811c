import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { MissingAssetError } from '../errors.ts';

const requireFromHere = createRequire(import.meta.url);

/**
 * The asset of a tsup-built bundle folder (`dist/<folder>`) of a workspace package. Throws
 * {@link MissingAssetError} when the bundle has not been built.
 *
 * @example
 * ```ts
 * const code = bundleCode('@shiftflow/notifier', 'lambda'); // packages/notifier/dist/lambda
 * ```
 */
export function bundleCode(packageName: string, folder: string): lambda.Code {
  const packageJson = requireFromHere.resolve(`${packageName}/package.json`);
  const directory = join(dirname(packageJson), 'dist', folder);
  if (!existsSync(join(directory, 'index.mjs'))) {
    throw new MissingAssetError(
      join(directory, 'index.mjs'),
      `build the bundle first: pnpm turbo build --filter ${packageName}`,
    );
  }
  return lambda.Code.fromAsset(directory);
}
