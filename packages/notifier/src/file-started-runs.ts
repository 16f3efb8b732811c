import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod/mini';
import { epochSeconds } from './ledger';
import { byStartTime, type StartedRunRecord } from './started-run-register';

const startedRunFileSchema = z.object({
  statementId: z.string(),
  statementName: z.string(),
  /** Epoch milliseconds. */
  startedAt: z.number(),
  /** Epoch seconds. */
  expiresAt: z.number(),
});

/**
 * The started runs of a {@link FileLedger}: one JSON file per statement in `<ledger folder>/started/`,
 * written through a temporary file and a rename so a reader never sees half a record.
 *
 * @example
 * ```ts
 * const started = new FileStartedRuns('.shiftflow/ledger');
 * await started.record({ statementId, statementName, startedAt: new Date() }, expiresAt);
 * ```
 */
export class FileStartedRuns {
  readonly #directory: string;

  constructor(ledgerDirectory: string) {
    this.#directory = path.join(ledgerDirectory, 'started');
  }

  /** Writes (or rewrites) the run's file. */
  async record(run: StartedRunRecord, expiresAtSeconds: number): Promise<void> {
    await mkdir(this.#directory, { recursive: true });
    const file = this.#file(run.statementId);
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(
        JSON.stringify({
          statementId: run.statementId,
          statementName: run.statementName,
          startedAt: run.startedAt.getTime(),
          expiresAt: expiresAtSeconds,
        } satisfies z.infer<typeof startedRunFileSchema>),
      );
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  }

  /**
   * The runs whose record has not expired at `now`, oldest first. A file that is not a record
   * (never written by this class) is left alone and not listed; expired records are removed.
   */
  async list(now: Date): Promise<StartedRunRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.#directory);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
    const runs: StartedRunRecord[] = [];
    for (const name of names.filter((candidate) => candidate.endsWith('.json'))) {
      const file = path.join(this.#directory, name);
      const record = await readStartedRun(file);
      if (record === undefined) continue;
      if (record.expiresAt < epochSeconds(now)) {
        await unlinkIfPresent(file);
        continue;
      }
      runs.push({
        statementId: record.statementId,
        statementName: record.statementName,
        startedAt: new Date(record.startedAt),
      });
    }
    return runs.sort(byStartTime);
  }

  /** Removes the run's file; a missing one is fine. */
  async forget(statementId: string): Promise<void> {
    await unlinkIfPresent(this.#file(statementId));
  }

  #file(statementId: string): string {
    // Sub-statement ids contain ':', which some file systems refuse.
    return path.join(this.#directory, `${statementId.replace(':', '_')}.json`);
  }
}

async function readStartedRun(file: string): Promise<z.infer<typeof startedRunFileSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined; // forgotten meanwhile
    throw error;
  }
  try {
    const parsed = startedRunFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: not a record this class wrote (they are renamed into place whole).
    return undefined;
  }
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
