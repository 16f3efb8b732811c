/**
 * The DynamoDB ledger against dynalite (a DynamoDB implementation on an in-memory LevelDB), with
 * the real SDK client over HTTP: the conditional writes are evaluated by a DynamoDB engine, not
 * by a mock.
 */

import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbLedger } from '../src/dynamodb-ledger';

const statementId = 'cccccccc-3333-4333-8333-000000000001';
const tableName = 'shiftflow-ledger';
let server: Server;
let client: DynamoDBClient;

function startDynalite(): Server {
  const load: unknown = createRequire(import.meta.url)('dynalite');
  if (typeof load !== 'function') throw new Error('dynalite did not export a function');
  const created: unknown = load({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  if (typeof created !== 'object' || created === null || !('listen' in created)) {
    throw new Error('dynalite did not return a server');
  }
  return created as Server;
}

function ledgerAt(time: Date, options: { leaseSeconds?: number; retentionSeconds?: number } = {}) {
  return new DynamoDbLedger({
    client,
    tableName,
    leaseSeconds: 60,
    retentionSeconds: 3_600,
    ...options,
    now: () => time,
  });
}

let sequence = 0;
function nextStatementId(): string {
  sequence += 1;
  return `${statementId.slice(0, -4)}${String(sequence).padStart(4, '0')}`;
}

beforeAll(async () => {
  server = startDynalite();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'statementId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'statementId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

afterAll(async () => {
  client?.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('DynamoDbLedger on a DynamoDB engine', () => {
  const start = new Date('2026-11-30T16:05:00Z');

  it('lets exactly one of many concurrent claims win', async () => {
    const id = nextStatementId();
    const ledger = ledgerAt(start);

    const claims = await Promise.all(Array.from({ length: 8 }, () => ledger.claim(id)));

    expect(claims.filter((claim) => claim.status === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.status === 'in-progress')).toHaveLength(7);
  });

  it('answers announced after confirm and writes the TTL attribute', async () => {
    const id = nextStatementId();
    const ledger = ledgerAt(start);
    const claim = await ledger.claim(id);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);

    expect(await ledger.confirm(claim)).toBe(true);

    expect((await ledger.claim(id)).status).toBe('announced');
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { statementId: { S: id } } }),
    );
    expect(Item?.state?.S).toBe('announced');
    expect(Item?.expiresAt?.N).toBe(String(Math.floor(start.getTime() / 1000) + 3_600));
    expect(Item?.leaseExpiresAt).toBeUndefined();
  });

  it('lets the next attempt claim a released statement', async () => {
    const id = nextStatementId();
    const ledger = ledgerAt(start);
    const claim = await ledger.claim(id);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);

    expect(await ledger.release(claim)).toBe(true);

    expect((await ledger.claim(id)).status).toBe('claimed');
  });

  it('hands an expired lease over and refuses the old holder afterwards', async () => {
    const id = nextStatementId();
    const first = await ledgerAt(start).claim(id);
    if (first.status !== 'claimed') throw new Error(`expected a claim, got ${first.status}`);
    const later = ledgerAt(new Date(start.getTime() + 61_000));

    const beforeExpiry = await ledgerAt(new Date(start.getTime() + 59_000)).claim(id);
    const second = await later.claim(id);

    expect(beforeExpiry.status).toBe('in-progress');
    expect(second.status).toBe('claimed');
    expect(await later.confirm(first)).toBe(false);
    expect(await later.release(first)).toBe(false);
    expect((await later.claim(id)).status).toBe('in-progress');
  });

  it('treats an announcement past its TTL as gone, before DynamoDB deletes it', async () => {
    const id = nextStatementId();
    const ledger = ledgerAt(start);
    const claim = await ledger.claim(id);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
    await ledger.confirm(claim);

    const afterRetention = await ledgerAt(new Date(start.getTime() + 3_601_000)).claim(id);

    expect(afterRetention.status).toBe('claimed');
  });

  it('keeps started runs apart from announcements: recorded, listed oldest first, forgotten, expired', async () => {
    const [first, second, announced] = [nextStatementId(), nextStatementId(), nextStatementId()];
    const ledger = ledgerAt(start);
    await ledger.recordStarted({
      statementId: second,
      statementName: 'nyc-taxi/b',
      startedAt: new Date(start.getTime() + 1_000),
    });
    await ledger.recordStarted({ statementId: first, statementName: 'nyc-taxi/a', startedAt: start });
    await ledger.recordStarted({ statementId: first, statementName: 'nyc-taxi/a', startedAt: start });
    // An announcement of the same statement id is another item: claiming is not blocked by the record.
    await ledger.recordStarted({ statementId: announced, statementName: 'nyc-taxi/c', startedAt: start });
    const claim = await ledger.claim(announced);
    expect(claim.status).toBe('claimed');

    const listed = await ledger.listStarted();
    await ledger.forgetStarted(first);
    await ledger.forgetStarted(first);

    // Equal start times are ordered by statement id (first < announced: allocated in that order).
    expect(listed.map((run) => [run.statementId, run.statementName])).toEqual([
      [first, 'nyc-taxi/a'],
      [announced, 'nyc-taxi/c'],
      [second, 'nyc-taxi/b'],
    ]);
    expect(listed[0]?.startedAt).toEqual(start);
    expect((await ledger.listStarted()).map((run) => run.statementId)).not.toContain(first);
    expect(await ledgerAt(new Date(start.getTime() + 3_601_000)).listStarted()).toEqual([]);
  });
});
