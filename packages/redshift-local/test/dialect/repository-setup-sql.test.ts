/**
 * The repository's own pipeline SQL (shiftflow.config.json → setupFiles, eltSql) through the local Data
 * API, on PGlite and on PostgreSQL: placeholders replaced by the configured role, the reference sample's
 * prefix and its Region (us-west-2), nothing else changed. A run loads and aggregates and its CALL returns
 * the OUT row; a later run whose source has a malformed row fails and leaves the table, the view and the
 * run log as the first run left them; a good run after that replaces the rows instead of adding to them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchExecuteStatementCommand, DescribeStatementCommand } from '@aws-sdk/client-redshift-data';
import { RedshiftData, StatementFailedError } from '@shiftflow/data-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/dialect/index';
import type { LocalRedshiftOptions } from '../../src/index';
import { type Fixture, startFixture } from '../support/local-redshift-fixture';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from '../support/postgres-server';
import { type MonthFigures, referencePrefix, writeSeedTrips } from './seed-data';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const config = JSON.parse(readFileSync(path.join(repository, 'shiftflow.config.json'), 'utf8')) as {
  setupFiles: string[];
  eltSql: string;
  redshiftIamRoleArn: string;
};
const values: Record<string, string> = {
  sourceS3Uri: `'s3://${referencePrefix}/'`,
  redshiftIamRoleArn: `'${config.redshiftIamRoleArn}'`,
  sourceRegionOption: "REGION 'us-west-2'",
};

/** The setup files with their placeholders replaced as `renderSetupSql` of @shiftflow/elt-runner does. */
function setupStatements(): string[] {
  return config.setupFiles.flatMap((file) => {
    const sql = readFileSync(path.join(repository, file), 'utf8').replace(
      /\{\{\s*(\w+)\s*\}\}/g,
      (match, name: string, offset: number, text: string) => {
        const lineStart = text.lastIndexOf('\n', offset) + 1;
        if (text.slice(lineStart, offset).includes('--')) return match; // a comment mentions it
        const value = values[name];
        if (value === undefined) throw new Error(`${file}: unknown placeholder ${match}`);
        return value;
      },
    );
    return splitStatements(sql);
  });
}

interface ViewRow {
  pickup_month: string;
  avg_distance: number;
  avg_fare: number;
  total_trips: bigint;
  total_distance_per_month: number;
  total_fare_per_month: number;
}

interface RunRow {
  rows_loaded: bigint | number;
  started_at: string;
  ended_at: string;
}

function defineRepositorySqlSuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`the repository pipeline SQL on ${engineName}`, () => {
    let fixture: Fixture;
    let data: RedshiftData;

    beforeAll(async () => {
      const engineOptions = options();
      if (engineOptions === undefined) return;
      fixture = await startFixture(engineOptions);
      data = new RedshiftData({
        client: fixture.client,
        target: { workgroupName: 'local', database: 'dev' },
      });
      const setup = await fixture.client.send(
        new BatchExecuteStatementCommand({
          ...fixture.target,
          Sqls: setupStatements(),
          StatementName: 'setup',
        }),
      );
      const done = await fixture.client.send(
        new DescribeStatementCommand({ Id: setup.Id, WaitTimeSeconds: 30 }),
      );
      expect([done.Status, done.Error]).toEqual(['FINISHED', undefined]);
    });

    afterAll(async () => fixture?.dispose(), 60_000);

    async function expectLoaded(rows: number, expected: MonthFigures[], runs: number[]): Promise<void> {
      const [count] = await data.query<{ trips: number }>(
        'select count(*)::int as trips from nyc_yellow_taxi',
      );
      expect(count?.trips).toBe(rows);
      const view = await data.query<ViewRow>(
        'select * from nyc_yellow_taxi_volume_analysis order by pickup_month',
      );
      expect(view.map((row) => row.pickup_month)).toEqual(expected.map((month) => month.month));
      for (const [index, row] of view.entries()) {
        const month = expected[index]!;
        expect([row.avg_distance, row.avg_fare, Number(row.total_trips)]).toEqual([
          month.avgDistance,
          month.avgFare,
          month.trips,
        ]);
        expect(row.total_distance_per_month).toBeCloseTo(month.totalDistance, 6);
        expect(row.total_fare_per_month).toBeCloseTo(month.totalFare, 6);
      }
      // loaded_at is GETDATE(), to the second as on Redshift: runs a test makes within one second tie, so
      // the log is compared as a set of runs, not in order.
      const log = await data.query<{ rows_loaded: number }>(
        "select rows_loaded::int as rows_loaded from elt_run_log where table_name = 'nyc_yellow_taxi'",
      );
      expect(log.map((row) => row.rows_loaded).sort()).toEqual([...runs].sort());
    }

    let first: { expected: MonthFigures[]; rows: number };

    it('loads with the CALL of the configuration, which returns rows loaded, start and end as one row', async () => {
      first = writeSeedTrips(fixture.s3Root, { rows: 3000, parts: 3, seed: 1 });
      const [run, ...more] = await data.query<RunRow>(config.eltSql);
      expect(more).toEqual([]);
      expect(Number(run?.rows_loaded)).toBe(first.rows);
      expect(run!.ended_at >= run!.started_at).toBe(true);
      await expectLoaded(first.rows, first.expected, [first.rows]);
    });

    it('leaves the table, the view and the run log as they were when a row of the source is malformed', async () => {
      const second = writeSeedTrips(fixture.s3Root, { rows: 2000, parts: 3, seed: 2, malformedLine: true });
      expect(second.rows).not.toBe(first.rows);
      const { id } = await data.execute(config.eltSql);
      const failure = await data.wait(id, { timeoutMs: 120_000 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StatementFailedError);
      expect((failure as StatementFailedError).message).toMatch(/Load into table 'nyc_yellow_taxi' failed/);
      await expectLoaded(first.rows, first.expected, [first.rows]);
    });

    it('replaces the rows on the next good run instead of adding to them', async () => {
      const third = writeSeedTrips(fixture.s3Root, { rows: 2000, parts: 3, seed: 3 });
      const [run] = await data.query<RunRow>(config.eltSql);
      expect(Number(run?.rows_loaded)).toBe(third.rows);
      await expectLoaded(third.rows, third.expected, [first.rows, third.rows]);
    });
  });
}

let server: PostgresServer | undefined;

beforeAll(async () => {
  server = await startPostgresServer();
  if (!server.ok) throw postgresUnavailable(server.reason);
});

afterAll(async () => {
  if (server?.ok) await server.stop();
});

defineRepositorySqlSuite('PGlite', () => ({ engine: { type: 'pglite' } }));
defineRepositorySqlSuite('PostgreSQL', () =>
  server?.ok ? { engine: { type: 'postgres', url: server.url } } : undefined,
);
