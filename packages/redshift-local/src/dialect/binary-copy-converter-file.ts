/**
 * Finds the binary COPY converter thread's file beside this code, for binary-copy-converter-thread.ts. Self-contained
 * (node: built-ins, erasable TypeScript) because the PGlite worker imports it from `src/`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The converter thread's file beside this code (dist: `.js`/`.cjs`, maybe under dialect/; src: `.ts`).
 *
 * @example
 * new Worker(binaryCopyConverterFile(), { workerData });
 */
export function binaryCopyConverterFile(): string {
  const directory = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (const folder of [directory, path.join(directory, 'dialect')]) {
    for (const extension of ['js', 'cjs', 'mjs', 'ts']) {
      const file = path.join(folder, `binary-copy-converter-worker.${extension}`);
      if (existsSync(file)) return file;
    }
  }
  throw new Error(`binary-copy-converter-worker.{js,cjs,ts} not found in ${directory}`);
}
