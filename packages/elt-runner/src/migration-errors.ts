import { EltRunnerError } from './errors';

/** One setup migration whose file changed after it was applied. */
export interface ChangedMigration {
  file: string;
  /** SHA-256 (hex) the ledger recorded when the file was applied. */
  appliedChecksum: string;
  /** SHA-256 (hex) of the file as it is now. */
  currentChecksum: string;
  /** When the ledger says it was applied, as the warehouse wrote it. */
  appliedAt: string;
}

/**
 * A setup migration (a setup file not marked `-- shiftflow:repeatable`) changed after it was applied:
 * migrations run once, so the change would never reach the warehouse. Names every such file, both checksums
 * and what to do instead.
 *
 * @example
 * ```ts
 * if (error instanceof SetupMigrationChangedError) console.error(error.file, error.changes);
 * ```
 */
export class SetupMigrationChangedError extends EltRunnerError {
  /** The first changed file. */
  readonly file: string;
  readonly changes: readonly ChangedMigration[];

  constructor(changes: readonly ChangedMigration[], ledgerTable: string) {
    const list = changes
      .map(
        (change) =>
          `${change.file} (applied ${change.appliedAt} with sha256 ${change.appliedChecksum}, now sha256 ${change.currentChecksum})`,
      )
      .join('; ');
    super(
      'SETUP_MIGRATION_CHANGED',
      `setup migration ${list} changed after it was applied (ledger ${ledgerTable}); an applied migration never runs again, so restore the file as it was and put the change in a new file listed after it in setupFiles (e.g. ALTER TABLE …), or, for an object its file re-creates whole (CREATE OR REPLACE, DROP … IF EXISTS + CREATE), mark that file "-- shiftflow:repeatable"`,
    );
    this.name = 'SetupMigrationChangedError';
    this.file = changes[0]?.file ?? '';
    this.changes = changes;
  }
}

/**
 * Setup did not start because an ELT run of the pipeline was still active after the bounded wait: setup
 * changes the objects the run uses.
 *
 * @example
 * ```ts
 * if (error instanceof SetupRunActiveError) console.error(error.statementId, error.status);
 * ```
 */
export class SetupRunActiveError extends EltRunnerError {
  readonly statementId: string;
  readonly statementName: string | undefined;
  readonly status: string;
  readonly waitedMs: number;

  constructor(statementId: string, statementName: string | undefined, status: string, waitedMs: number) {
    super(
      'SETUP_RUN_ACTIVE',
      `setup not applied: ELT run ${statementName ?? 'unnamed'} (statement ${statementId}) is still ${status} after waiting ${Math.round(waitedMs / 1000)} s; setup changes the tables and procedure the run uses: apply it again once the run ended, or cancel the run (aws redshift-data cancel-statement --id ${statementId})`,
      { isRetryable: true },
    );
    this.name = 'SetupRunActiveError';
    this.statementId = statementId;
    this.statementName = statementName;
    this.status = status;
    this.waitedMs = waitedMs;
  }
}

/**
 * A setup statement is one Redshift cannot run inside a transaction block (VACUUM, CREATE EXTERNAL TABLE,
 * ALTER TABLE APPEND, …), and setup applies each batch as one transaction.
 *
 * @example
 * ```ts
 * if (error instanceof SetupStatementNotTransactionalError) console.error(`${error.file}:${error.line}`, error.command);
 * ```
 */
export class SetupStatementNotTransactionalError extends EltRunnerError {
  readonly file: string;
  readonly line: number;
  readonly command: string;

  constructor(file: string, line: number, command: string) {
    super(
      'SETUP_STATEMENT_NOT_TRANSACTIONAL',
      `${file}:${line}: ${command} cannot run inside a transaction block on Redshift, and setup applies its files in one transaction (BatchExecuteStatement); run it outside setup (e.g. from a scheduled job or by hand), or leave it to Redshift's automatic vacuum`,
    );
    this.name = 'SetupStatementNotTransactionalError';
    this.file = file;
    this.line = line;
    this.command = command;
  }
}
