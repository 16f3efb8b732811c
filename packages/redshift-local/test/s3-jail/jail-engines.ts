/**
 * The engines the local S3 jail tests run on: the PGlite engine (worker thread, as shipped) and a
 * PostgreSQL 15 server when one can be started. Each gets a local S3 folder beside host files that
 * must never reach a table.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine, EngineStatementOutcome } from '../../src/index';
import { createPgliteEngine, createPostgresEngine, redshiftDialect } from '../../src/index';
import { postgresUnavailable, startPostgresServer } from '../support/postgres-server';

export interface JailEngine {
  readonly name: 'pglite' | 'postgres';
  /** Host folder that holds the local S3 folder `s3Root` and, beside it, the host files. */
  readonly root: string;
  readonly s3Root: string;
  /** Runs one statement (already PostgreSQL) and returns its outcome. */
  run(sql: string): Promise<EngineStatementOutcome>;
  close(): Promise<void>;
}

let executions = 0;

/** A folder every user can read (the PostgreSQL server runs as `postgres`). */
export function sharedFolder(): { root: string; s3Root: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-s3-jail-'));
  chmodSync(root, 0o755);
  const s3Root = path.join(root, 's3');
  mkdirSync(s3Root, { mode: 0o755 });
  return { root, s3Root };
}

/** Writes `content` at `relative` below `directory`, readable by every user. */
export function writeShared(directory: string, relative: string, content: string | Buffer): string {
  const file = path.join(directory, relative);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  chmodSync(path.dirname(file), 0o755);
  writeFileSync(file, content, { mode: 0o644 });
  return file;
}

function wrap(
  name: JailEngine['name'],
  engine: Engine,
  root: string,
  s3Root: string,
  stop: () => Promise<void>,
): JailEngine {
  return {
    name,
    root,
    s3Root,
    async run(sql) {
      const [outcome] = await engine.run({
        executionId: `jail-${++executions}`,
        statements: [{ sql, values: [] }],
        transaction: false,
      });
      if (outcome === undefined) throw new Error(`no outcome for ${sql}`);
      return outcome;
    },
    async close() {
      await engine.close();
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function openPgliteJailEngine(): Promise<JailEngine> {
  const { root, s3Root } = sharedFolder();
  const engine = createPgliteEngine({
    dataDir: path.join(root, 'data'),
    s3Root,
    database: 'dev',
    setupSql: redshiftDialect.compatibilitySql,
    searchPath: redshiftDialect.searchPath,
  });
  await engine.open();
  return wrap('pglite', engine, root, s3Root, async () => {});
}

/** The PostgreSQL engine on a throwaway server, or the reason it cannot start here. */
export async function openPostgresJailEngine(): Promise<JailEngine> {
  const server = await startPostgresServer();
  if (!server.ok) throw postgresUnavailable(server.reason);
  const { root, s3Root } = sharedFolder();
  const engine = createPostgresEngine({
    url: server.url,
    s3Root,
    setupSql: redshiftDialect.compatibilitySql,
    searchPath: redshiftDialect.searchPath,
  });
  await engine.open();
  return wrap('postgres', engine, root, s3Root, () => server.stop());
}
