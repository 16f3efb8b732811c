import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFileNotFound } from '../files/is-file-not-found';
import { ConsoleAssetsMissingError } from './errors';

/**
 * The folder of the console's built page: `console/` beside the built module (dist/console/, which
 * the app's build writes). Every chunk of the CLI lives in dist/, so this holds from any of them.
 *
 * @example
 * defaultConsoleAssetsFolder(); // '/work/main/apps/local/dist/console'
 */
export function defaultConsoleAssetsFolder(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'console');
}

/**
 * Checks that the folder holds the built page (index.html).
 *
 * @throws ConsoleAssetsMissingError naming the folder and how to build it.
 * @example
 * assertConsoleAssets('/work/main/apps/local/dist/console');
 */
export function assertConsoleAssets(folder: string): void {
  if (!existsSync(path.join(folder, 'index.html'))) throw new ConsoleAssetsMissingError(folder);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the console's page, ready to send. */
export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
}

/**
 * Reads the file a URL path names inside the assets folder: `/app.js` and `/assets/app.js` both
 * name `<folder>/app.js`. Returns undefined when there is no such file, or when the path is not a
 * plain file name inside the folder (`..`, hidden files, encoded slashes): nothing outside it is read.
 *
 * @example
 * const asset = await readConsoleAsset(folder, '/app.js'); // { body, contentType: 'text/javascript; charset=utf-8' }
 */
export async function readConsoleAsset(folder: string, urlPath: string): Promise<ConsoleAsset | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined; // a malformed escape names no file of the folder
  }
  const relative = decoded.replace(/^\/(assets\/)?/, '');
  const parts = relative.split('/');
  if (relative === '' || decoded.includes('\\') || decoded.includes('\0')) return undefined;
  if (parts.some((part) => part === '' || part.startsWith('.'))) return undefined;
  const root = path.resolve(folder);
  const file = path.join(root, ...parts);
  if (!file.startsWith(`${root}${path.sep}`)) return undefined;
  const contentType = contentTypes[path.extname(file).toLowerCase()];
  if (contentType === undefined) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return { body: await readFile(file), contentType };
  } catch (error) {
    if (isFileNotFound(error)) return undefined;
    throw error;
  }
}
