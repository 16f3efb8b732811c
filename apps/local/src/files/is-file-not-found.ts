/**
 * Whether a file-system call failed because the path does not exist (`ENOENT`), read from the
 * error's own `code` instead of a cast.
 *
 * @example
 * try { return await readFile(file, 'utf8'); } catch (error) { if (isFileNotFound(error)) return undefined; throw error; }
 */
export function isFileNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
