/**
 * The seed pipeline end to end through the endpoint: its setup SQL (table with SORTKEY, monthly
 * materialized view with ROUND(AVG(float4), 2), procedure with COPY from S3) sent unmodified as a
 * batch, then `CALL run_elt_process()` with WithEvent; the view must equal an independent
 * computation over the same files. Then a restart keeps the committed data.
 */
import { BatchExecuteStatementCommand, DescribeStatementCommand } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/dialect/index';
import type { LocalRedshiftOptions, StatementStatusChangeEnvelope } from '../../src/index';
import { type MonthFigures, seedSetupSql, writeSeedTrips } from '../dialect/seed-data';
import { type Fixture, sdkClient, startFixture } from './local-redshift-fixture';

interface ViewRow {
  pickup_month: string;
  avg_distance: number;
  avg_fare: number;
  total_trips: bigint;
  total_distance_per_month: number;
  total_fare_per_month: number;
}

export function definePipelineSuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`seed pipeline on ${engineName}`, () => {
    let fixture: Fixture;
    let expected: MonthFigures[];
    let loaded: number;
    const events: StatementStatusChangeEnvelope[] = [];

    beforeAll(async () => {
      const engineOptions = options();
      if (engineOptions === undefined) return;
      fixture = await startFixture(engineOptions);
      fixture.redshift.onStatusChange((event) => events.push(event));
      ({ expected, rows: loaded } = writeSeedTrips(fixture.s3Root, { rows: 5000, parts: 3 }));
    });

    afterAll(async () => fixture?.dispose(), 60_000);

    it('runs the setup SQL unmodified, CALLs the procedure and the view equals an independent computation', async () => {
      const setup = await fixture.client.send(
        new BatchExecuteStatementCommand({
          ...fixture.target,
          Sqls: splitStatements(seedSetupSql),
          StatementName: 'setup',
        }),
      );
      const setupDone = await fixture.client.send(
        new DescribeStatementCommand({ Id: setup.Id, WaitTimeSeconds: 30 }),
      );
      expect([setupDone.Status, setupDone.Error]).toEqual(['FINISHED', undefined]);

      const data = new RedshiftData({
        client: fixture.client,
        target: { workgroupName: 'local', database: 'dev' },
      });
      const run = await data.execute('CALL run_elt_process();', {
        withEvent: true,
        statementName: 'seed/2026-01-01T00:00:00Z',
      });
      const described = await data.wait(run.id, { timeoutMs: 60_000 });
      expect(described.status).toBe('FINISHED');
      const event = events.find((item) => item.detail.statementId === run.id);
      expect(event?.detail).toMatchObject({ state: 'FINISHED', statementName: 'seed/2026-01-01T00:00:00Z' });

      const [count] = await data.query<{ trips: number }>(
        'select count(*)::int as trips from nyc_yellow_taxi',
      );
      expect(count?.trips).toBe(loaded);
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
    });

    it('keeps committed data across a restart on the same data', async () => {
      const base = options()!;
      await fixture.stop();
      const restarted = await startFixture({ ...base, dataDir: fixture.dataDir });
      const client = sdkClient(restarted.redshift.endpoint);
      try {
        const data = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });
        const [count] = await data.query<{ trips: number }>(
          'select count(*)::int as trips from nyc_yellow_taxi',
        );
        expect(count?.trips).toBe(loaded);
        const months = await data.query<{ months: number }>(
          'select count(*)::int as months from nyc_yellow_taxi_volume_analysis',
        );
        expect(months[0]?.months).toBe(expected.length);
      } finally {
        client.destroy();
        await restarted.dispose();
        // The first fixture's folders are removed by its own dispose in afterAll.
        fixture = { ...fixture, dispose: async () => undefined, stop: async () => undefined };
      }
    });
  });
}
