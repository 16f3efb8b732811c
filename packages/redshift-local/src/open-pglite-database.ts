/**
 * Opens PGlite on the database the Data API serves (`dev` by default), so that the SQL sees it as
 * Redshift's would: `current_database()`, three-part names (`"dev"."public"."t"`, which dbt writes)
 * and `information_schema` all name it. PGlite connects to the database its `database` option names,
 * which must exist, and initdb only creates `postgres`: so the first open goes through `template1`,
 * renames `postgres` (where earlier versions kept their tables, so they move along) or creates the
 * database, and notes the name in `<dataDir>/redshift-local/database` so later opens go straight in.
 * Self-contained (no relative imports) so the PGlite worker can load it from `src/` and builds.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The file naming the database a data dir's first open created (later opens go straight in). */
export function databaseMarkerFile(dataDir: string): string {
  return path.join(dataDir, 'redshift-local', 'database');
}

/** Creates (or renames `postgres` to) `database` through `template1`; false when it already existed. */
async function prepareDatabase(dataDir: string, database: string, firstTime: boolean): Promise<void> {
  const admin = await PGlite.create({ dataDir, database: 'template1' });
  try {
    const result = await admin.query<{ datname: string }>('select datname from pg_catalog.pg_database');
    const names = new Set(result.rows.map((row) => row.datname));
    if (names.has(database)) return;
    // A data dir from before this file (or a fresh one) keeps its tables in `postgres`: rename it, instantly.
    if (firstTime && names.has('postgres')) {
      await admin.exec(`alter database postgres rename to ${quoteIdentifier(database)}`);
    } else {
      await admin.exec(`create database ${quoteIdentifier(database)}`);
    }
  } finally {
    await admin.close();
  }
}

/**
 * Opens PGlite on `dataDir`, connected to `database` (created on the first open).
 *
 * @example
 * const instance = await openPgliteDatabase('/tmp/data', 'dev');
 * await instance.query('select current_database()'); // dev
 */
export async function openPgliteDatabase(dataDir: string, database: string): Promise<PGlite> {
  const marker = databaseMarkerFile(dataDir);
  const known = existsSync(marker) ? readFileSync(marker, 'utf8') : undefined;
  if (known !== database) {
    await prepareDatabase(dataDir, database, known === undefined);
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(`${marker}.tmp`, database);
    renameSync(`${marker}.tmp`, marker);
  }
  return PGlite.create({ dataDir, database });
}
