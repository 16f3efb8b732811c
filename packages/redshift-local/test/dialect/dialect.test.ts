/**
 * Integration tests of the Redshift dialect layer on a real PGlite (in-process, on-disk data dir, the local
 * S3 folder mounted at /s3) and on a real PostgreSQL 15 server when one can be started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { enablePgliteGzip } from '../../src/dialect/index';
import { postgresUnavailable, startPostgresServer } from '../support/postgres-server';
import { type DialectEngine, defineDialectSuite } from './dialect-suite';

describe('Redshift dialect on PGlite', () => {
  defineDialectSuite({
    async open(s3Root) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-dialect-pglite-'));
      const database = await PGlite.create({ dataDir });
      database.Module.FS.mkdirTree('/s3');
      database.Module.FS.mount(database.Module.NODEFS, { root: s3Root }, '/s3');
      const engine: DialectEngine = {
        name: 'pglite',
        async exec(sql) {
          await database.exec(sql);
        },
        async rows<Row>(sql: string) {
          return (await database.query<Row>(sql)).rows;
        },
        async enableGzip() {
          await enablePgliteGzip(database);
        },
        async close() {
          await database.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
      return { engine, s3RootSetting: '/s3' };
    },
  });
});

const server = await startPostgresServer();
if (server.ok) {
  describe('Redshift dialect on PostgreSQL 15', () => {
    afterAll(async () => {
      await server.stop();
    });
    defineDialectSuite({
      async open(s3Root) {
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        const engine: DialectEngine = {
          name: 'postgres',
          async exec(sql) {
            await client.query(sql);
          },
          async rows<Row>(sql: string) {
            const result = await client.query(sql);
            return result.rows as Row[];
          },
          async close() {
            await client.end();
          },
        };
        return { engine, s3RootSetting: s3Root };
      },
    });
  });
} else {
  describe('Redshift dialect on PostgreSQL 15', () => {
    it('has a PostgreSQL server to run on', () => {
      throw postgresUnavailable(server.reason);
    });
  });
}
