import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LocalAppError } from '../errors';
import { isFileNotFound } from '../files/is-file-not-found';
import { writeFileAtomic } from '../files/write-file-atomic';
import { stateFileError } from '../state/state-file-error';

const setupRecordSchema = z.object({
  /** SHA-256 over the setup values and the setup files' paths and SQL. */
  fingerprint: z.string(),
  /** The setup files applied, relative to the repository. */
  files: z.array(z.string()).optional(),
});

/** What `engine-setup.json` records: which setup the engine has. */
export type SetupRecord = z.infer<typeof setupRecordSchema>;

/**
 * Reads the setup record; undefined when there is none yet. A file that is not a setup record
 * fails with an error naming it and saying how to recover.
 *
 * @example
 * const previous = (await readSetupRecord(state.setupFingerprint))?.fingerprint;
 */
export async function readSetupRecord(file: string): Promise<SetupRecord | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isFileNotFound(error)) return undefined;
    throw stateFileError(file, 'read', error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw damaged(file, 'is not JSON', error);
  }
  const parsed = setupRecordSchema.safeParse(value);
  if (!parsed.success) throw damaged(file, 'is not a setup record', parsed.error);
  return parsed.data;
}

/**
 * Writes the setup record atomically (temporary file, flush, rename): a crash leaves the old record
 * or the new one, so setup is never skipped on the strength of half a file.
 *
 * @example
 * await writeSetupRecord(state.setupFingerprint, { fingerprint, files });
 */
export async function writeSetupRecord(file: string, record: SetupRecord): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(record)}\n`);
}

function damaged(file: string, problem: string, cause: unknown): LocalAppError {
  return new LocalAppError(
    'SETUP_RECORD',
    `${file} ${problem}; delete it and the setup SQL is applied again at the next start (or run shiftflow reset)`,
    { cause },
  );
}
