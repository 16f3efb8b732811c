import nodeModule from 'node:module';

/**
 * Turns on Node's module compile cache (Node 22.1 and later; nothing happens on an older Node): the
 * bytecode V8 compiles for the CLI's modules, the PGlite worker's and the Lambda bundles' is kept on
 * disk, under `NODE_COMPILE_CACHE` or else `<tmpdir>/node-compile-cache`, and reused by the next
 * command instead of compiling them again. `NODE_DISABLE_COMPILE_CACHE=1` turns it off. Worker
 * threads started with this process's environment inherit it through `NODE_COMPILE_CACHE`; those
 * given an environment of their own (the Lambda sandboxes) are handed the returned directory.
 * Returns the cache directory, or undefined when the cache is not on.
 * See https://nodejs.org/api/module.html#module-compile-cache
 *
 * @example
 * enableCompileCache(); // '/tmp/node-compile-cache' on Node 24
 */
export function enableCompileCache(): string | undefined {
  if (typeof nodeModule.enableCompileCache !== 'function') return undefined;
  // Never throws: a cache that cannot be turned on says why in `message`, and the command runs without it.
  const { directory } = nodeModule.enableCompileCache();
  if (directory !== undefined) process.env.NODE_COMPILE_CACHE ??= directory;
  return directory;
}
