/**
 * Closing the local Redshift while the engine runs a long statement (another client's query):
 * the close does not wait for that statement, and the data dir opens again with its committed data.
 */
import { RedshiftData } from '@shiftflow/data-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalRedshift } from '../../src/index';
import { type Fixture, startFixture } from '../support/local-redshift-fixture';

let fixture: Fixture | undefined;

afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

describe('closing while a statement runs', () => {
  it('stops the running statement instead of waiting for it, and keeps committed data', async () => {
    fixture = await startFixture();
    const { client, redshift, dataDir, s3Root } = fixture;
    const dataApi = new RedshiftData({ client, target: { workgroupName: 'local', database: 'dev' } });
    await dataApi.query('create table kept (id int not null)');
    await dataApi.query('insert into kept values (1)');
    const { id } = await dataApi.execute('select pg_sleep(600)');
    await expect.poll(async () => (await dataApi.describe(id)).status, { timeout: 60_000 }).toBe('STARTED');

    // The statement would hold the engine for 10 minutes; the old close gave up only after 10 s.
    const closedInTime = await Promise.race([
      redshift.close().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 8000).unref()),
    ]);

    expect(closedInTime).toBe(true);
    const reopened = await startLocalRedshift({ dataDir, s3Root });
    try {
      const again = new RedshiftData({
        clientConfig: {
          endpoint: reopened.endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        },
        target: { workgroupName: 'local', database: 'dev' },
      });
      expect(await again.query<{ id: number }>('select id from kept')).toEqual([{ id: 1 }]);
    } finally {
      await reopened.close();
    }
  });
});
