import type { RedshiftData } from '@shiftflow/data-api';
import * as z from 'zod/mini';
import { quoteSqlLiteral } from './render-setup-sql';

/**
 * The table in the warehouse that records applied setup files, in the database's default schema beside the
 * pipeline's tables (the setup identity can create tables there; a schema of its own would need CREATE on
 * the database). One row per application, never updated: a repeatable file applied three times has three
 * rows, and its latest (highest `installed_rank`) is what is live, as in Flyway's `flyway_schema_history`.
 */
export const migrationsLedgerTable = 'shiftflow_schema_migrations';

/** Creates the ledger when it is missing; Redshift and the local Redshift both take it. */
export const createMigrationsLedgerSql = `CREATE TABLE IF NOT EXISTS ${migrationsLedgerTable} (
  installed_rank INTEGER NOT NULL,
  file VARCHAR(512) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  checksum CHAR(64) NOT NULL,
  applied_at TIMESTAMP NOT NULL,
  applied_by VARCHAR(256) NOT NULL
)`;

/**
 * One ledger row.
 *
 * @example
 * ```ts
 * const row: MigrationLedgerRow = { installedRank: 1, file: 'sql/setup/001_nyc_yellow_taxi.sql', kind: 'versioned', checksum: 'ab12…', appliedAt: '2026-12-06 11:00:00' };
 * ```
 */
export interface MigrationLedgerRow {
  installedRank: number;
  file: string;
  kind: string;
  checksum: string;
  appliedAt: string;
}

// zod/mini, as in @shiftflow/events: the classic API would put all of zod in the setup bundle.
const ledgerRowSchema = z.object({
  installed_rank: z.coerce.number().check(z.int()),
  file: z.string(),
  kind: z.string(),
  // CHAR(64) holds exactly 64 hex digits; trim in case an engine pads.
  checksum: z.string().check(z.trim()),
  applied_at: z.pipe(
    z.union([z.string(), z.date()]),
    z.transform((value) => String(value)),
  ),
});

/**
 * Creates the ledger if missing and reads all its rows.
 *
 * @example
 * ```ts
 * const ledger = await readMigrationsLedger(dataApi);
 * ```
 */
export async function readMigrationsLedger(
  dataApi: Pick<RedshiftData, 'query'>,
  options: { statementName?: string } = {},
): Promise<MigrationLedgerRow[]> {
  const name = options.statementName === undefined ? {} : { statementName: options.statementName };
  await dataApi.query(createMigrationsLedgerSql, name);
  const rows = await dataApi.query(
    `SELECT installed_rank, file, kind, checksum, applied_at FROM ${migrationsLedgerTable} ORDER BY installed_rank`,
    name,
  );
  return rows.map((row) => {
    const parsed = ledgerRowSchema.parse(row);
    return {
      installedRank: parsed.installed_rank,
      file: parsed.file,
      kind: parsed.kind,
      checksum: parsed.checksum,
      appliedAt: parsed.applied_at,
    };
  });
}

/**
 * The INSERT that records applied files, run as the last statement of their batch (same transaction).
 *
 * @example
 * ```ts
 * ledgerInsertSql([{ file: 'sql/setup/004_run_elt_process.sql', kind: 'repeatable', checksum }], 7, 'local');
 * ```
 */
export function ledgerInsertSql(
  rows: readonly { file: string; kind: string; checksum: string }[],
  firstRank: number,
  appliedBy: string,
): string {
  const values = rows.map(
    (row, index) =>
      `(${firstRank + index}, ${quoteSqlLiteral(row.file, 'file')}, ${quoteSqlLiteral(row.kind, 'kind')}, ${quoteSqlLiteral(row.checksum, 'checksum')}, GETDATE(), ${quoteSqlLiteral(appliedBy.slice(0, 256), 'appliedBy')})`,
  );
  return `INSERT INTO ${migrationsLedgerTable} (installed_rank, file, kind, checksum, applied_at, applied_by) VALUES ${values.join(', ')}`;
}
