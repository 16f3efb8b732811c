/**
 * The binary COPY accelerator through the whole local engine (PGlite worker, Data API over HTTP with the real
 * @aws-sdk/client-redshift-data): the seed's `CALL run_elt_process()` loads every part file by the binary path
 * (shiftflow.last_copy_binary_objects, read in the same batch) and the table holds the generated trips.
 */
import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  GetStatementResultCommand,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSetupSql, writeSeedTrips } from './dialect/seed-data';
import { type Fixture, startFixture } from './support/local-redshift-fixture';

describe('binary COPY accelerator through the local engine (PGlite)', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await startFixture({ engine: { type: 'pglite' } });
  });
  afterAll(async () => {
    await fixture.dispose();
  });

  async function ended(id: string): Promise<DescribeStatementCommandOutput> {
    for (;;) {
      const description = await fixture.client.send(
        new DescribeStatementCommand({ Id: id, WaitTimeSeconds: 20 }),
      );
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(description.Status ?? '')) return description;
    }
  }

  async function run(input: Partial<ExecuteStatementCommandInput> & { Sql: string }) {
    const target = input.SessionId === undefined ? fixture.target : {};
    const submitted = await fixture.client.send(new ExecuteStatementCommand({ ...target, ...input }));
    const description = await ended(submitted.Id!);
    expect(description.Status, description.Error).toBe('FINISHED');
    return { id: submitted.Id!, sessionId: submitted.SessionId };
  }

  it("loads the seed's part files by the binary path in CALL run_elt_process()", async () => {
    const { rows } = writeSeedTrips(fixture.s3Root, { rows: 10_000, parts: 4 });
    await run({ Sql: seedSetupSql });
    // One session: the setting the COPY helper sets is read by the next statement of the same session.
    const call = await run({ Sql: 'CALL run_elt_process()', SessionKeepAliveSeconds: 60 });
    expect(call.sessionId).toBeDefined();
    const select = await run({
      SessionId: call.sessionId,
      Sql: `SELECT pg_last_copy_count() AS loaded, current_setting('shiftflow.last_copy_binary_objects') AS binary_objects,
         (SELECT count(*) FROM nyc_yellow_taxi) AS table_rows`,
    });
    const result = await fixture.client.send(new GetStatementResultCommand({ Id: select.id }));
    const [loaded, binaryObjects, tableRows] = result.Records![0]!;
    expect({
      loaded: loaded?.longValue,
      binaryObjects: binaryObjects?.stringValue,
      tableRows: tableRows?.longValue,
    }).toEqual({
      loaded: rows,
      binaryObjects: '4',
      tableRows: rows,
    });
  });
});
