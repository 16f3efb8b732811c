/**
 * A failed load announces where its first bad row is: `shiftflow run` over sample data with one
 * malformed row ends FAILED, and the notification in the outbox carries Redshift's load error and
 * the row's file, line, column and reason, read from the local Redshift's sys_load_error_detail.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, runCliProcess } from './cli-process';

let state: string;

/** The table's column names in order, from the setup SQL the pipeline creates it with. */
async function tableColumns(): Promise<string[]> {
  const tableSql = await readFile(
    path.join(repositoryRoot, 'sql', 'setup', '001_nyc_yellow_taxi.sql'),
    'utf8',
  );
  const create = tableSql.indexOf('CREATE TABLE');
  const body = tableSql.slice(tableSql.indexOf('(', create) + 1);
  return body
    .split('\n')
    .map((line) => /^\s*(\w+)\s+[A-Z]/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

async function outboxNotifications(): Promise<{ Subject: string; Message: string }[]> {
  const outbox = path.join(state, 'outbox');
  const files = (await readdir(outbox)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(outbox, file), 'utf8'))));
}

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-failed-load-'));
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('a failed load’s notification', () => {
  it('names the file, line, column and reason of the first bad row', async () => {
    const seeded = await runCliProcess(['seed', '--json', '--rows', '300', '--state-dir', state]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const directory = path.join(state, 's3', 'shiftflow-sample', 'nyc_yellow_taxi_raw');
    const [firstFile] = (await readdir(directory)).sort();
    const goodLines = (await readFile(path.join(directory, firstFile!), 'utf8'))
      .trimEnd()
      .split('\n')
      .slice(0, 2);
    const distance = (await tableColumns()).indexOf('trip_distance');
    expect(distance).toBeGreaterThanOrEqual(0);
    const bad = goodLines[0]!.split('|');
    bad[distance] = 'abc';
    // Line 3 of this file is the run's only bad row.
    await writeFile(path.join(directory, 'zz-bad-row.txt'), `${[...goodLines, bad.join('|')].join('\n')}\n`);

    const result = await runCliProcess(['run', '--json', '--state-dir', state]);

    expect(result.code, result.stderr).toBe(1);
    const output = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { status: string; error?: string };
    expect(output.status).toBe('FAILED');
    expect(output.error).toMatch(/Load into table '\w+' failed\.\s+Check 'stl_load_errors' system table/);
    const failed = (await outboxNotifications()).filter((notification) =>
      notification.Subject.includes('FAILED'),
    );
    expect(failed).toHaveLength(1);
    const message = failed[0]!.Message;
    expect(message).toContain('Load errors (first rows of sys_load_error_detail for this run');
    expect(message).toMatch(/1\. File: +s3:\/\/shiftflow-sample\/nyc_yellow_taxi_raw\/zz-bad-row\.txt\n/);
    expect(message).toMatch(/ Line: +3\n/);
    expect(message).toMatch(/ Column: +trip_distance \(/);
    expect(message).toMatch(/ Reason: +Invalid digit, Value 'a', Pos 0/);
    expect(message).not.toContain('2. File:');
  });
});
