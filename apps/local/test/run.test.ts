import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, runCliProcess } from './cli-process';

let state: string;
const sampleRows = 5000;

interface RunOutput {
  status: string;
  statementId: string;
  rows?: number;
  error?: string;
  views: { view: string; rows: Record<string, string | number>[] }[];
}

async function outboxNotifications(): Promise<{ Subject: string; Message: string }[]> {
  const outbox = path.join(state, 'outbox');
  const files = (await readdir(outbox)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(outbox, file), 'utf8'))));
}

/** The monthly view computed in JavaScript straight from the generated part files. */
async function expectedView(): Promise<Map<string, { trips: number; distance: number; fare: number }>> {
  const tableSql = await readFile(
    path.join(repositoryRoot, 'sql', 'setup', '001_nyc_yellow_taxi.sql'),
    'utf8',
  );
  const create = tableSql.indexOf('CREATE TABLE');
  const body = tableSql.slice(tableSql.indexOf('(', create) + 1);
  const columns = body
    .split('\n')
    .map((line) => /^\s*(\w+)\s+[A-Z]/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
  const dateIndex = columns.indexOf('pickup_date');
  const distanceIndex = columns.indexOf('trip_distance');
  const fareIndex = columns.indexOf('fare_amount');
  expect(Math.min(dateIndex, distanceIndex, fareIndex)).toBeGreaterThanOrEqual(0);
  const directory = path.join(state, 's3', 'shiftflow-sample', 'nyc_yellow_taxi_raw');
  const months = new Map<string, { trips: number; distance: number; fare: number }>();
  for (const file of await readdir(directory)) {
    const text = await readFile(path.join(directory, file), 'utf8');
    for (const line of text.trimEnd().split('\n')) {
      const fields = line.split('|');
      const month = fields[dateIndex]!.slice(0, 7);
      const entry = months.get(month) ?? { trips: 0, distance: 0, fare: 0 };
      entry.trips++;
      // The columns are REAL (float4): round each value the way the table stores it.
      entry.distance += Math.fround(Number(fields[distanceIndex]));
      entry.fare += Math.fround(Number(fields[fareIndex]));
      months.set(month, entry);
    }
  }
  return months;
}

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-run-'));
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('shiftflow run', () => {
  it('loads the generated sample, announces FINISHED with the row count, and the view matches the files', async () => {
    const result = await runCliProcess(['run', '--json', '--rows', String(sampleRows), '--state-dir', state]);

    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as RunOutput;
    expect(output).toMatchObject({ status: 'FINISHED', rows: sampleRows });

    const notifications = await outboxNotifications();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.Subject).toContain('nyc-taxi run succeeded');
    expect(notifications[0]!.Message).toMatch(/Status:\s+FINISHED/);
    expect(notifications[0]!.Message).toMatch(
      new RegExp(`Rows loaded:\\s+${sampleRows.toLocaleString('en-US')}\\n`),
    );
    expect(notifications[0]!.Message).toContain(output.statementId);

    const view = output.views.find((entry) => entry.view === 'nyc_yellow_taxi_volume_analysis');
    expect(view).toBeDefined();
    const expected = await expectedView();
    expect(view!.rows).toHaveLength(expected.size);
    for (const row of view!.rows) {
      const month = String(row.pickup_month).slice(0, 7);
      const want = expected.get(month);
      expect(want, `month ${month}`).toBeDefined();
      expect(Number(row.total_trips)).toBe(want!.trips);
      expect(Number(row.avg_distance)).toBeCloseTo(want!.distance / want!.trips, 1);
      expect(Math.abs(Number(row.avg_distance) - want!.distance / want!.trips)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(Number(row.avg_fare) - want!.fare / want!.trips)).toBeLessThanOrEqual(0.0051);
      expect(Number(row.total_distance_per_month)).toBeCloseTo(want!.distance, 2);
      expect(Number(row.total_fare_per_month)).toBeCloseTo(want!.fare, 2);
    }
    const totalTrips = view!.rows.reduce((sum, row) => sum + Number(row.total_trips), 0);
    expect(totalTrips).toBe(sampleRows);
  });

  it('records the run in the history', async () => {
    const result = await runCliProcess(['runs', '--json', '--state-dir', state]);

    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout) as { status: string; rows?: number; trigger: string }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'FINISHED', rows: sampleRows, trigger: 'manual' });
  });

  it('announces a failing procedure as FAILED with the error text, by e-mail too, and exits non-zero', async () => {
    const mails: { subject: string; text: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        stream.on('end', () => {
          mails.push({ subject: /^Subject: (.*)$/m.exec(text)?.[1] ?? '', text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    try {
      const result = await runCliProcess([
        'run',
        '--json',
        '--elt-sql',
        'CALL run_elt_process_that_does_not_exist();',
        '--smtp',
        `smtp://127.0.0.1:${port}`,
        '--state-dir',
        state,
      ]);

      expect(result, JSON.stringify(result)).toMatchObject({ code: 1 });
      expect(result.code).toBe(1);
      const output = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as RunOutput;
      expect(output.status).toBe('FAILED');
      expect(output.error).toContain('run_elt_process_that_does_not_exist');
      const failed = (await outboxNotifications()).filter((notification) =>
        notification.Subject.includes('FAILED'),
      );
      expect(failed).toHaveLength(1);
      expect(failed[0]!.Message).toMatch(/Status:\s+FAILED/);
      expect(failed[0]!.Message).toContain('run_elt_process_that_does_not_exist');
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain('FAILED');
      expect(mails[0]!.text).toContain('data-team@example.com');
      expect(mails[0]!.text).toContain('run_elt_process_that_does_not_exist');
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('settles a run left without an end by an earlier session when listing runs', async () => {
    const lost = '0d5e1c2a-1b2c-4d3e-8f90-123456789abc';
    await writeFile(
      path.join(state, 'runs.jsonl'),
      `${JSON.stringify({ type: 'submitted', at: new Date().toISOString(), scheduledTime: '2026-01-05T16:00:00Z', statementId: lost, trigger: 'schedule' })}\n`,
      { flag: 'a' },
    );

    const result = await runCliProcess(['runs', '--json', '--state-dir', state]);

    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout) as { statementId?: string; status: string; error?: string }[];
    const settled = runs.find((run) => run.statementId === lost);
    expect(settled).toMatchObject({ status: 'ABORTED' });
    expect(settled!.error).toContain('stopped before the statement ended');
  });
});
