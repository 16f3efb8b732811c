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
    ...(options.entry === undefined ? {} : { entry: options.entry }),
    format: options.format ?? ['esm', 'cjs'],
    dts: options.dts ?? true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
  };
}

/**
 * A single-file Lambda bundle (`<name>/index.mjs`): minified ESM for nodejs24.x with every
 * dependency inside, the AWS SDK included. `module` comes first in `mainFields`, or esbuild picks
 * the SDK's CommonJS build, which crashes on `Dynamic require of "node:https"`; the banner gives
 * CommonJS dependencies a real `require` for Node's built-in modules. With `types`, the bundle gets
 * a declaration file so a subpath export of it passes attw.
 */
export function lambdaBundle(options: { entry: Record<string, string>; types?: boolean }): Options {
  return {
    entry: options.entry,
    format: ['esm'],
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node24',
    minify: true,
    splitting: false,
    sourcemap: false,
    dts: options.types ?? false,
    clean: false,
    noExternal: [/.*/],
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    esbuildOptions(esbuildOptions) {
      esbuildOptions.mainFields = ['module', 'main'];
    },
  };
}
