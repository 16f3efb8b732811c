import type { Options } from 'tsup';

/**
 * The one tsup configuration every package shares: ESM + CJS + types for libraries,
 * ESM only for handler packages and apps. Packages pass only their entries and formats.
 */
export function packageBuild(options: {
  entry: Options['entry'];
  format?: Options['format'];
  dts?: boolean;
}): Options {
  return {
    entry: options.entry,
    format: options.format ?? ['esm', 'cjs'],
    dts: options.dts ?? true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
  };
}
