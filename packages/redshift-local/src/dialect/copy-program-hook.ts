/**
 * What PGlite's `handleExternalCmd` hook does with a `COPY … FROM PROGRAM` command, for enablePgliteGzip: serve the
 * COPY helper's decompress and binary COPY commands, refuse every other. Self-contained (`.ts` imports of
 * self-contained files, erasable TypeScript) because the PGlite worker imports it from `src/`.
 */
import { RedshiftLocalError } from '../errors.ts';
import { binaryCopyCommand } from './binary-copy-file.ts';
import type { BinaryCopyOutcomeLog } from './binary-copy-outcome-log.ts';
import type { BinaryCopyPrefetcher, PrefetchOutcome } from './binary-copy-prefetcher.ts';

/**
 * The only external commands the COPY helper runs: `<tool> -dc '<path>'` (path in shell single quotes) for
 * COPY's GZIP, BZIP2, ZSTD and LZOP options.
 */
const decompressCommand = /^(gzip|bzip2|zstd|lzop) -dc '((?:[^']|'\\'')*)'$/s;

/** What the hook works with (the instance's own pieces, injected). */
export interface CopyProgramHookOptions {
  /** PGlite's own hook, for the commands PGlite itself runs (initdb's `locale -a`). */
  unhandled: (command: string, mode: string) => number;
  /** Decompresses `file` with `compression` into the scratch folder; returns the file's name there. */
  decompress: (compression: string, file: string) => string;
  /** Converts (spec, file) into a binary COPY file in this thread, or declines it. */
  convertHere: (spec: string, file: string) => PrefetchOutcome;
  /** The converter thread that converts the COPY's next object ahead. */
  prefetcher: Pick<BinaryCopyPrefetcher, 'take' | 'start'>;
  /** Where each binary COPY object's outcome is recorded. */
  outcomes: Pick<BinaryCopyOutcomeLog, 'record'>;
  /** Opens the scratch file `name` for PostgreSQL (and unlinks its name); the stream, a C `FILE*`. */
  open: (name: string, mode: string) => number;
}

/** The hook: {@link CopyProgramHook.handle} goes into `pglite.handleExternalCmd`. */
export interface CopyProgramHook {
  /** Serves one command: the stream PostgreSQL reads, or 0 (NULL) to fail the COPY. */
  handle(command: string, mode: string): number;
  /** The typed error of the last command refused or failed, and forgets it. Undefined when none failed. */
  takeError(): RedshiftLocalError | undefined;
}

/** A path from the commands' shell single quotes. */
function unquote(quoted: string): string {
  return quoted.replaceAll("'\\''", "'");
}

/**
 * Serves `shiftflow-binary-copy <spec> '<file>' '<next>'`: object k+1 converts in the converter thread while PGlite
 * loads object k (this one).
 */
function serveBinaryCopy(options: CopyProgramHookOptions, binary: RegExpExecArray, mode: string): number {
  const spec = binary[1]!;
  const file = unquote(binary[2]!);
  const next = unquote(binary[3]!);
  const prefetched = options.prefetcher.take(spec, file);
  const outcome = prefetched ?? options.convertHere(spec, file);
  if (next !== '' && next !== file) options.prefetcher.start(spec, next);
  if ('declined' in outcome) {
    // Declined (or unreadable): a NULL stream fails the binary COPY and the COPY helper runs the text COPY,
    // which loads the object or raises the real error. Kept for takeBinaryCopyOutcomes, not for takeError.
    options.outcomes.record({ file, declined: outcome.declined, prefetched: prefetched !== undefined });
    return 0;
  }
  options.outcomes.record({ file, rows: outcome.rows, prefetched: prefetched !== undefined });
  return options.open(outcome.name, mode);
}

/**
 * Creates the hook over the instance's pieces.
 *
 * @example
 * const hook = createCopyProgramHook({ unhandled, decompress, convertHere, prefetcher, outcomes, open });
 * pglite.handleExternalCmd = (command, mode) => hook.handle(command, mode);
 */
export function createCopyProgramHook(options: CopyProgramHookOptions): CopyProgramHook {
  let lastError: RedshiftLocalError | undefined;
  return {
    handle(command, mode) {
      // PGlite's own use of the hook (initdb's locale listing) keeps working.
      if (command.startsWith('locale -a')) return options.unhandled(command, mode);
      const match = decompressCommand.exec(command);
      const binary = binaryCopyCommand.exec(command);
      if (binary !== null && mode === 'r') return serveBinaryCopy(options, binary, mode);
      let name: string;
      try {
        if (match === null || mode !== 'r') {
          throw new RedshiftLocalError(
            'PROGRAM_NOT_EMULATED',
            `COPY … FROM PROGRAM ${JSON.stringify(command)} is not emulated locally: only the COPY helper's gzip, bzip2, zstd or lzop -dc of a local S3 object runs`,
          );
        }
        name = options.decompress(match[1]!, unquote(match[2]!));
      } catch (error) {
        // A NULL stream makes PostgreSQL fail the COPY ('could not execute command "gzip -dc …"'); an
        // exception thrown through the WASM boundary instead would leave the statement looking successful.
        lastError =
          error instanceof RedshiftLocalError
            ? error
            : new RedshiftLocalError('S3_OBJECT_UNREADABLE', `${command}: ${String(error)}`, {
                cause: error,
              });
        return 0;
      }
      return options.open(name, mode);
    },
    takeError() {
      const error = lastError;
      lastError = undefined;
      return error;
    },
  };
}
