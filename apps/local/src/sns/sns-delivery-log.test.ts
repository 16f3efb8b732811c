import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnsDeliveryLog, type SnsDeliveryRecord } from './sns-delivery-log';

let directory: string;
let log: SnsDeliveryLog;

const record = (attempts: number, status: SnsDeliveryRecord['status']): SnsDeliveryRecord => ({
  at: `2026-12-06T12:00:0${attempts}.000Z`,
  messageId: '0f4ae1b8-9a1e-4c36-9c7e-8b5ad1f2e001',
  subscriber: 'webhook:http://127.0.0.1:9/hook',
  protocol: 'http',
  endpoint: 'http://127.0.0.1:9/hook',
  status,
  attempts,
  dwellTimeMs: attempts * 100,
  ...(status === 'delivered' ? {} : { error: 'webhook http://127.0.0.1:9/hook answered HTTP 500' }),
});

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'sns-delivery-log-'));
  log = new SnsDeliveryLog(path.join(directory, 'state', 'sns-deliveries.jsonl'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('SnsDeliveryLog', () => {
  it('appends one JSON line per record, concurrent appends included, and reads them back', async () => {
    await Promise.all([1, 2, 3].map((attempts) => log.append(record(attempts, 'failed'))));
    await log.append(record(3, 'dead-lettered'));

    const lines = (await readFile(log.file, 'utf8')).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
    expect((await log.records()).map((each) => [each.status, each.attempts])).toEqual([
      ['failed', 1],
      ['failed', 2],
      ['failed', 3],
      ['dead-lettered', 3],
    ]);
  });

  it('skips a damaged line and tells where it is; a line a crash cut short is dropped by the next append', async () => {
    await log.append(record(1, 'failed'));
    await appendFile(log.file, 'not json\n{"status":"delivered"}\n');
    const damaged: string[] = [];

    expect(await log.records((where, reason) => damaged.push(`${where} ${reason}`))).toHaveLength(1);
    expect(damaged).toEqual([
      `${log.file}:2 is not a delivery record`,
      `${log.file}:3 is not a delivery record`,
    ]);

    await writeFile(log.file, `${JSON.stringify(record(1, 'failed'))}\n{"at":"2026-12-06T1`);
    const silent: string[] = [];
    expect(await log.records((where) => silent.push(where))).toHaveLength(1);
    expect(silent).toEqual([]);
    await log.append(record(2, 'delivered'));
    expect((await log.records()).map((each) => each.status)).toEqual(['failed', 'delivered']);
  });

  it('reads no records when the file does not exist yet', async () => {
    expect(await log.records()).toEqual([]);
  });
});
