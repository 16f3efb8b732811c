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
 * Serves the bundle's `import("node:http")` (the AWS SDK's Node HTTP handler loads `http` so, on its
 * first request to an `http:` endpoint) with `require("node:http")`. On Node 24 an ESM import of
 * `node:http` builds its namespace by reading every export, and reading `http.WebSocket` and its
 * siblings loads undici: 40-46 ms per thread on the 2-core bench machine against 4 ms for the `require`,
 * paid by each local Lambda worker's first request to the local endpoints (on AWS the endpoints are
 * `https:`, which the SDK imports statically). The module is the same object either way; the bundle's
 * interop reads only the exports the code asks for.
 */
const httpThroughRequire = {
  name: 'http-through-require',
  setup(build: {
    onResolve(
      options: { filter: RegExp },
      callback: (args: {
        path: string;
        namespace: string;
      }) => { path: string; namespace: string } | undefined,
    ): void;
    onLoad(
      options: { filter: RegExp; namespace: string },
      callback: () => { contents: string; loader: 'js' },
    ): void;
  }) {
    build.onResolve({ filter: /^(node:)?http$/ }, (args) =>
      // The shim's own require of node:http stays an external built-in.
      args.namespace === 'http-through-require'
        ? undefined
        : { path: 'node:http', namespace: 'http-through-require' },
    );
    build.onLoad({ filter: /.*/, namespace: 'http-through-require' }, () => ({
      contents: "module.exports = require('node:http');",
      loader: 'js',
    }));
  },
};

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
    // tsup would rewrite `node:http` to `http` and mark it external before any plugin of ours sees it;
    // nodejs24.x resolves `node:` names.
    removeNodeProtocol: false,
    esbuildPlugins: [httpThroughRequire],
    esbuildOptions(esbuildOptions) {
      esbuildOptions.mainFields = ['module', 'main'];
    },
  };
}
