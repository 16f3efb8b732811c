import { createRequire } from 'node:module';
import { z } from 'zod';

// Read at run time from the package's own package.json (a self-reference through its `exports`),
// so `shiftflow --version` is the version the package declares, from src and from dist alike.
const packageJson = z
  .object({ version: z.string().min(1) })
  .parse(createRequire(import.meta.url)('@shiftflow/local/package.json'));

/** The version of `@shiftflow/local`, as its package.json declares it. */
export const version: string = packageJson.version;
