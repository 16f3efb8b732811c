/**
 * The local endpoint under load. 32 concurrent SDK clients (separate clients and connections, no
 * retries) each run 20 statements with a 50 KB result against an endpoint that allows 16 active
 * statements: the only error allowed is ActiveStatementsExceededException (the client backs off
 * and submits again), every statement finishes with its own result, and once the results expire
 * the statement store is empty again and the heap is back near where it started.
 *
 * The endpoint's clock is the test's: it stands still while the clients work, however slow the
 * machine, and is moved past the retention only when the test wants results to expire. No timing
 * assertions: speed belongs in bench/.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, sdkClient, startFixture } from '../support/local-redshift-fixture';

const clients = 32;
const statementsPerClient = 20;
const maxActiveStatements = 16;
const resultBytes = 50_000;
const retentionMs = 60_000;
/** The endpoint's clock (epoch ms): moved by the test, never by the machine's speed. */
let clockMs = Date.now();

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture({
    maxActiveStatements,
    resultRetentionMs: retentionMs,
    now: () => clockMs,
  });
});

afterAll(async () => {
  await fixture?.dispose();
});

async function allStatements(client: RedshiftDataClient): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListStatementsCommand({ Status: 'ALL', MaxResults: 100, NextToken: nextToken }),
    );
    count += page.Statements?.length ?? 0;
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return count;
}

interface ClientTally {
  finished: number;
  exceeded: number;
  otherErrors: string[];
  ids: string[];
}

/** One client: submit, back off on ActiveStatementsExceeded, wait, read and check its own result. */
async function runClient(index: number): Promise<ClientTally> {
  const client = sdkClient(fixture.redshift.endpoint);
  const tally: ClientTally = { finished: 0, exceeded: 0, otherErrors: [], ids: [] };
  try {
    for (let round = 0; round < statementsPerClient; round++) {
      const tag = `c${index}-r${round}`;
      let id: string | undefined;
      while (id === undefined) {
        try {
          ({ Id: id } = await client.send(
            new ExecuteStatementCommand({
              ...fixture.target,
              Sql: `select '${tag}' as tag, repeat('x', ${resultBytes}) as payload`,
            }),
          ));
        } catch (error) {
          if ((error as Error).name !== 'ActiveStatementsExceededException') throw error;
          tally.exceeded++;
          await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
        }
      }
      tally.ids.push(id);
      let status: string | undefined;
      while (status !== 'FINISHED' && status !== 'FAILED' && status !== 'ABORTED') {
        ({ Status: status } = await client.send(new DescribeStatementCommand({ Id: id })));
        if (status !== 'FINISHED') await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (status !== 'FINISHED') throw new Error(`${tag}: statement ${id} ended ${status}`);
      const result = await client.send(new GetStatementResultCommand({ Id: id }));
      const row = result.Records?.[0];
      if (row?.[0]?.stringValue !== tag || row[1]?.stringValue?.length !== resultBytes) {
        throw new Error(`${tag}: wrong result ${JSON.stringify(row?.[0])}`);
      }
      tally.finished++;
    }
  } catch (error) {
    tally.otherErrors.push(`${(error as Error).name}: ${(error as Error).message}`);
  } finally {
    client.destroy();
  }
  return tally;
}

describe(`${clients} concurrent clients × ${statementsPerClient} statements`, () => {
  it('finish every statement with only ActiveStatementsExceeded beyond the limit, then the store empties', async () => {
    const before = heapUsed();
    const started = Date.now();

    const tallies = await Promise.all(Array.from({ length: clients }, (_, index) => runClient(index)));
    const elapsedMs = Date.now() - started;
    const afterLoad = heapUsed();
    const storedAfterLoad = await allStatements(fixture.client);

    const finished = tallies.reduce((sum, tally) => sum + tally.finished, 0);
    const exceeded = tallies.reduce((sum, tally) => sum + tally.exceeded, 0);
    const otherErrors = tallies.flatMap((tally) => tally.otherErrors);
    expect(otherErrors).toEqual([]);
    expect(finished).toBe(clients * statementsPerClient);
    // 32 clients against a limit of 16: the limit was reached and answered as documented.
    expect(exceeded).toBeGreaterThan(0);
    expect(new Set(tallies.flatMap((tally) => tally.ids)).size).toBe(clients * statementsPerClient);

    // Nothing expired while the clock stood still: every statement is still listed.
    expect(storedAfterLoad).toBe(clients * statementsPerClient);

    // Results expire once the retention has passed: the sweep (every second) empties the store,
    // and an old result is gone.
    clockMs += retentionMs + 1;
    const oldId = tallies[0]!.ids[0]!;
    const deadline = Date.now() + 60_000;
    let stored = storedAfterLoad;
    while (stored > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      stored = await allStatements(fixture.client);
    }
    expect(stored).toBe(0);
    await expect(fixture.client.send(new GetStatementResultCommand({ Id: oldId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const afterExpiry = heapUsed();

    console.info(
      `load: ${finished} statements in ${elapsedMs} ms, ${exceeded} ActiveStatementsExceeded, ` +
        `store ${storedAfterLoad} → ${stored}; heap MiB before ${(before / 2 ** 20).toFixed(1)}, ` +
        `after load ${(afterLoad / 2 ** 20).toFixed(1)}, after expiry ${(afterExpiry / 2 ** 20).toFixed(1)}; ` +
        `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
    // Kept results alone are 640 × 50 KB ≈ 31 MiB; after expiry the heap is back within 16 MiB.
    expect(afterExpiry - before).toBeLessThan(16 * 2 ** 20);
    // A generous bound: 15 s on a quiet 2-core machine, several times that under load.
  }, 600_000);
});
