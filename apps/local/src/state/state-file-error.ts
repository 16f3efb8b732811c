import { StateFileError } from '../errors';

/**
 * Turns a file-system error on a state file into a message that says what happened, where and
 * what to do: a full disk says "no space left on device", a folder where a file belongs says so.
 *
 * @example
 * try { await writeFile(state.marker, text); } catch (error) { throw stateFileError(state.marker, 'write', error); }
 */
export function stateFileError(
  file: string,
  doing: 'read' | 'write' | 'create' | 'delete',
  error: unknown,
): StateFileError {
  const { code, message } = error as NodeJS.ErrnoException;
  const text =
    code === 'ENOSPC'
      ? `could not ${doing} ${file}: no space left on device; free some space on its disk and try again`
      : code === 'EISDIR'
        ? `${file} is a folder, but shiftflow keeps a file there; remove that folder (shiftflow did not make it) and try again`
        : code === 'EACCES' || code === 'EPERM'
          ? `could not ${doing} ${file}: permission denied; give your user access to it, or pass another --state-dir`
          : `could not ${doing} ${file}: ${message}`;
  return new StateFileError(file, text, { cause: error });
}
