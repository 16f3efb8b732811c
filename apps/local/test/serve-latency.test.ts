/**
 * `shiftflow serve --latency realistic`: a client polling DescribeStatement with the SDK sees its
 * statement SUBMITTED, PICKED and STARTED before FINISHED, as on the service. Seed 708 draws a
 * queue and a compile time of about 2 s each for the first statement (see StatementLatency), so a
 * poll lands in each phase even on a busy machine; the test asserts the order, never a duration.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliProcess } from './cli-process';

let directory: string;
let serve: Awaited<ReturnType<typeof startCliProcess>>;
let info: {
  environment: Record<string, string>;
  target: { workgroupName?: string; clusterIdentifier?: string; database: string };
};

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-serve-latency-'));
  serve = await startCliProcess([
    'serve',
    '--json',
    '--state-dir',
    directory,
    '--latency',
    'realistic',
    '--latency-seed',
    '708',
  ]);
  info = JSON.parse(serve.firstLine);
});

afterAll(async () => {
  await serve?.stop();
  await rm(directory, { recursive: true, force: true });
});

describe('shiftflow serve --latency realistic', () => {
  it('shows a polling client SUBMITTED, PICKED and STARTED before FINISHED', async () => {
    const client = new RedshiftDataClient({
      endpoint: info.environment.AWS_ENDPOINT_URL_REDSHIFT_DATA,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const { Id, Status } = await client.send(
        new ExecuteStatementCommand({
          WorkgroupName: info.target.workgroupName,
          ClusterIdentifier: info.target.clusterIdentifier,
          Database: info.target.database,
          Sql: 'select pg_sleep(1.5)',
        }),
      );
      const seen: (string | undefined)[] = [Status];
      for (let poll = 0; poll < 10_000 && seen.at(-1) !== 'FINISHED' && seen.at(-1) !== 'FAILED'; poll++) {
        const { Status: status } = await client.send(new DescribeStatementCommand({ Id }));
        if (status !== seen.at(-1)) seen.push(status);
      }
      expect(seen).toEqual(['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED']);
    } finally {
      client.destroy();
    }
  });
});
