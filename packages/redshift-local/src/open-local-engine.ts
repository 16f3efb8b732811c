/**
 * The engine of a local Redshift, opened: PGlite on a data dir (a temporary one when none is given) or
 * a PostgreSQL server by URL, set up with the dialect's compatibility SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from './engine';
import { ensurePostgresDatabase } from './ensure-postgres-database';
import { createPgliteEngine } from './pglite-engine';
import { createPostgresEngine } from './postgres-engine';
import type { SpawnedPgliteWorker } from './spawn-pglite-worker';
import type { SqlDialect } from './sql-dialect';

/** What {@link openLocalEngine} opens (see `LocalRedshiftOptions`). */
export interface LocalEngineSettings {
  /** PGlite data directory; a temporary one when omitted. */
  dataDir?: string | undefined;
  engine?: { type: 'pglite' } | { type: 'postgres'; url: string } | undefined;
  pgliteWorker?: SpawnedPgliteWorker | undefined;
  /** The database the SQL runs in (created on a PostgreSQL server that lacks it). */
  database: string;
  dialect: SqlDialect;
  /** Resolved path of the local folder standing in for S3. */
  s3Root: string;
}

/** An open engine, and the temporary data dir to remove when it is closed. */
export interface LocalEngine {
  engine: Engine & { crashWorker?: () => Promise<void> };
  temporaryDataDir: string | undefined;
}

/**
 * Creates the engine the settings name and opens it; a temporary data dir is removed when the open fails.
 *
 * @example
 * const { engine, temporaryDataDir } = await openLocalEngine({ database: 'dev', dialect: redshiftDialect, s3Root });
 */
export async function openLocalEngine(settings: LocalEngineSettings): Promise<LocalEngine> {
  const { database, dialect, s3Root } = settings;
  const temporaryDataDir =
    settings.dataDir === undefined && settings.engine?.type !== 'postgres'
      ? mkdtempSync(path.join(os.tmpdir(), 'redshift-local-'))
      : undefined;
  // The SQL runs in the database the Data API serves: current_database(), three-part names.
  const postgresUrl =
    settings.engine?.type === 'postgres'
      ? await ensurePostgresDatabase(settings.engine.url, database)
      : undefined;
  const engine: Engine & { crashWorker?: () => Promise<void> } =
    postgresUrl !== undefined
      ? createPostgresEngine({
          url: postgresUrl,
          s3Root,
          setupSql: dialect.compatibilitySql,
          searchPath: dialect.searchPath,
        })
      : createPgliteEngine({
          dataDir: path.resolve(settings.dataDir ?? temporaryDataDir!),
          s3Root,
          database,
          setupSql: dialect.compatibilitySql,
          searchPath: dialect.searchPath,
          worker: settings.pgliteWorker,
        });
  try {
    await engine.open();
  } catch (error) {
    if (temporaryDataDir !== undefined) rmSync(temporaryDataDir, { recursive: true, force: true });
    throw error;
  }
  return { engine, temporaryDataDir };
}
