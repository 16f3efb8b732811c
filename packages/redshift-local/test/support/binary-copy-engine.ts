/**
 * A real PGlite with the compatibility SQL, the local S3 folder at /s3 and enablePgliteGzip's hook, for the tests of
 * the binary COPY accelerator: loads objects through the COPY helper with the accelerator on or off and returns what
 * the table holds (text rendering, float bit patterns), the error, and which path each object took.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  type BinaryCopyOutcome,
  enablePgliteGzip,
  type PgliteGzip,
  type PgliteGzipOptions,
} from '../../src/dialect/enable-pglite-gzip';
import { compatibilitySql, translateRedshiftSql } from '../../src/dialect/index';

/** A column of a test table: its name and its SQL type. */
export interface TestColumn {
  name: string;
  type: string;
}

/** What one COPY did. */
export interface CopyOutcome {
  /** One JSON array per row (text rendering; float4/float8 as their binary send bytes in hex), sorted. */
  rows: string[];
  /** The COPY's error message, or undefined when it succeeded. */
  error: string | undefined;
  /** pg_last_copy_count() after a successful COPY. */
  count: number | undefined;
  /** The COPY helper's shiftflow.last_copy_binary_objects. */
  binaryObjects: number | undefined;
  /** What the hook did with each object. */
  outcomes: BinaryCopyOutcome[];
}

/** An open PGlite for binary COPY tests. */
export interface BinaryCopyEngine {
  readonly s3Root: string;
  /** Writes `content` as the local S3 object `bucket/key`. */
  writeObject(bucketAndKey: string, content: string | Buffer): void;
  /** (Re)creates `table` with `columns`, COPYs `copySql`'s objects into it with the accelerator on or off. */
  copy(table: string, columns: TestColumn[], copySql: string, binary: boolean): Promise<CopyOutcome>;
  query<Row>(sql: string): Promise<Row[]>;
  /** Runs statements (PostgreSQL, already translated). */
  exec(sql: string): Promise<void>;
  /** The hook's outcomes since the last call. */
  takeBinaryCopyOutcomes(): BinaryCopyOutcome[];
  /** The hook itself. */
  readonly hook: PgliteGzip;
  close(): Promise<void>;
}

function selectList(columns: TestColumn[]): string {
  return columns
    .map(({ name, type }) => {
      const lower = type.toLowerCase();
      if (lower === 'real' || lower === 'float4') return `encode(float4send(${name}), 'hex')`;
      if (lower === 'double precision' || lower === 'float8') return `encode(float8send(${name}), 'hex')`;
      return `${name}::text`;
    })
    .join(', ');
}

/**
 * Opens the engine.
 *
 * @example
 * const engine = await openBinaryCopyEngine();
 * engine.writeObject('bucket/a.txt', '1|x\n');
 * const outcome = await engine.copy('t', [{ name: 'id', type: 'int' }, { name: 'v', type: 'varchar(3)' }], "COPY t FROM 's3://bucket/a.txt'", true);
 */
export async function openBinaryCopyEngine(options: PgliteGzipOptions = {}): Promise<BinaryCopyEngine> {
  const s3Root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-binary-copy-s3-'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-binary-copy-pglite-'));
  const database = await PGlite.create({ dataDir });
  database.Module.FS.mkdirTree('/s3');
  database.Module.FS.mount(database.Module.NODEFS, { root: s3Root }, '/s3');
  await database.exec(compatibilitySql);
  await database.exec(`SET shiftflow.s3_root = '/s3'`);
  const hook: PgliteGzip = await enablePgliteGzip(database, options);
  return {
    s3Root,
    writeObject(bucketAndKey, content) {
      const file = path.join(s3Root, bucketAndKey);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      chmodSync(file, 0o644);
    },
    async copy(table, columns, copySql, binary) {
      await database.exec(
        `DROP TABLE IF EXISTS ${table} CASCADE; CREATE TABLE ${table} (${columns.map((column) => `${column.name} ${column.type}`).join(', ')});`,
      );
      await database.exec(`SET shiftflow.binary_copy = '${binary ? 'on' : 'off'}'`);
      hook.takeBinaryCopyOutcomes();
      let error: string | undefined;
      let count: number | undefined;
      let binaryObjects: number | undefined;
      try {
        await database.exec(translateRedshiftSql(copySql));
        const settings = await database.query<{ count: string; objects: string }>(
          `SELECT current_setting('shiftflow.last_copy_count') AS count, current_setting('shiftflow.last_copy_binary_objects') AS objects`,
        );
        count = Number(settings.rows[0]!.count);
        binaryObjects = Number(settings.rows[0]!.objects);
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
      const result = await database.query<{ row: string }>(
        `SELECT json_build_array(${selectList(columns)})::text AS row FROM ${table}`,
      );
      const rows = result.rows.map((row) => row.row).sort();
      return { rows, error, count, binaryObjects, outcomes: hook.takeBinaryCopyOutcomes() };
    },
    async query<Row>(sql: string) {
      return (await database.query<Row>(sql)).rows;
    },
    async exec(sql) {
      await database.exec(sql);
    },
    takeBinaryCopyOutcomes: () => hook.takeBinaryCopyOutcomes(),
    hook,
    async close() {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(s3Root, { recursive: true, force: true });
    },
  };
}
