/**
 * Runs the UNLOAD statements of a submission: the engine runs each one's SELECT (submit-statement.ts puts
 * it in the UNLOAD's place), and this writes the rows into the local S3 folder before the statement is
 * seen to end, then reports it FINISHED with the rows unloaded and no result set, as Redshift's UNLOAD
 * does, or FAILED with why the files could not be written.
 */
import type { EngineStatementOutcome } from './engine';
import type { UnloadStatement } from './unload-statement';
import { writeUnloadFiles } from './write-unload-files';

/**
 * Holds back the end of each UNLOAD until its files are written.
 *
 * @example
 * const unloads = new UnloadRunner(s3Root, new Map([[0, parseUnloadStatement(sql)!]]), (index, outcome) => lifecycle.statementDone(record, index, outcome));
 * engine.run({ …, onStatement: unloads.onStatement }).then((outcomes) => unloads.complete(outcomes)).then((outcomes) => lifecycle.ran(record, outcomes));
 */
export class UnloadRunner {
  readonly #written = new Map<number, Promise<EngineStatementOutcome>>();

  constructor(
    private readonly s3Root: string,
    private readonly unloads: ReadonlyMap<number, UnloadStatement>,
    private readonly next: (index: number, outcome: EngineStatementOutcome) => void,
  ) {}

  /** The engine's per-SQL callback: an UNLOAD's SELECT outcome becomes the UNLOAD's once its files are written. */
  readonly onStatement = (index: number, outcome: EngineStatementOutcome): void => {
    if (!this.unloads.has(index)) {
      this.next(index, outcome);
      return;
    }
    void this.#write(index, outcome).then((unloaded) => this.next(index, unloaded));
  };

  /** The engine's outcomes with each UNLOAD's in place of its SELECT's, once every file is written. */
  complete(outcomes: readonly EngineStatementOutcome[]): Promise<EngineStatementOutcome[]> {
    return Promise.all(
      outcomes.map((outcome, index) => (this.unloads.has(index) ? this.#write(index, outcome) : outcome)),
    );
  }

  /** Writes the files of UNLOAD `index` once (never rejects: a failure is the UNLOAD's outcome). */
  #write(index: number, outcome: EngineStatementOutcome): Promise<EngineStatementOutcome> {
    const existing = this.#written.get(index);
    if (existing !== undefined) return existing;
    const unload = this.unloads.get(index)!;
    const written: Promise<EngineStatementOutcome> =
      outcome.status !== 'finished'
        ? Promise.resolve(outcome)
        : writeUnloadFiles(
            this.s3Root,
            unload,
            outcome.fields.map((field) => field.name),
            outcome.rows,
          ).then(
            () => ({ ...outcome, fields: [], rows: [], command: 'UNLOAD', endedAt: Date.now() }),
            (error: unknown) => ({
              status: 'failed',
              message: error instanceof Error ? error.message : String(error),
              startedAt: outcome.startedAt,
              endedAt: Date.now(),
            }),
          );
    this.#written.set(index, written);
    return written;
  }
}
