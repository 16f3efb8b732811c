/**
 * The local console over a real pipeline: `shiftflow console` on a fresh state folder, driven over
 * HTTP as its page drives it. Every route refuses a request without the token or with a foreign
 * Host or Origin; Run now shows up live on the event stream until FINISHED; the inbox, the view's
 * data, the run's detail and the SQL editor (typed columns, paging, Redshift's errors, history) answer
 * what the state folder and the local Redshift hold; a failed load shows its error and load error.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedshiftData } from '@shiftflow/data-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleErrorSchema,
  dataResponseSchema,
  inboxResponseSchema,
  runDetailResponseSchema,
  runNowResponseSchema,
  runsResponseSchema,
  sqlHistoryResponseSchema,
  sqlResultSchema,
} from '../src/console/console-api';
import { runCliProcess, startCliProcess } from './cli-process';
import { EventStreamReader, rawRequest, waitForConsoleUrl } from './console-client';

let state: string;
let cli: Awaited<ReturnType<typeof startCliProcess>>;
let origin: string;
let token: string;
let port: number;

async function api(pathname: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${origin}${pathname}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      'x-shiftflow-console': '1',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-console-'));
  cli = await startCliProcess(['console', '--state-dir', state, '--rows', '500']);
  ({ origin, token, port } = await waitForConsoleUrl(cli.output, 300_000));
});
afterAll(async () => {
  const code = await cli?.stop();
  await rm(state, { recursive: true, force: true });
  expect(code).toBe(0);
});

const pageRoutes = ['/', '/runs', '/runs/some-run', '/inbox', '/data', '/sql', '/app.js', '/assets/app.js'];
const apiRoutes: [string, string][] = [
  ['GET', '/api/runs'],
  ['POST', '/api/runs'],
  ['GET', '/api/runs/some-run'],
  ['GET', '/api/inbox'],
  ['GET', '/api/data'],
  ['POST', '/api/sql'],
  ['GET', '/api/sql/results?statementId=x&nextToken=y'],
  ['GET', '/api/sql/history'],
  ['GET', '/api/events'],
];
const everyRoute: [string, string][] = [
  ...pageRoutes.map((route): [string, string] => ['GET', route]),
  ...apiRoutes,
];

describe('shiftflow console: who may ask', () => {
  it('refuses every route, event stream and asset included, without the token or with a wrong one (401)', async () => {
    const host = `127.0.0.1:${port}`;
    const wrong = `${token.slice(0, -2)}xx`;
    for (const [method, route] of everyRoute) {
      const attempts: Record<string, string>[] = [
        { host },
        { host, authorization: `Bearer ${wrong}` },
        { host, cookie: `shiftflow_console_${port}=${wrong}` },
      ];
      for (const headers of attempts) {
        const response = await rawRequest(
          origin,
          method,
          route,
          headers,
          method === 'POST' ? '{}' : undefined,
        );
        expect(response.status, `${method} ${route} ${JSON.stringify(headers)}`).toBe(401);
        expect(consoleErrorSchema.parse(JSON.parse(response.body)).code).toMatch(
          /^TOKEN_(REQUIRED|INVALID)$/,
        );
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      }
      const withQueryToken = `${route}${route.includes('?') ? '&' : '?'}token=${wrong}`;
      expect((await rawRequest(origin, method, withQueryToken, { host })).status, withQueryToken).toBe(401);
    }
  });

  it('refuses every route with a foreign Host (DNS rebinding) or a foreign Origin (403), even with the token', async () => {
    const authorization = `Bearer ${token}`;
    for (const [method, route] of everyRoute) {
      for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`]) {
        const response = await rawRequest(origin, method, route, { host, authorization });
        expect(response.status, `${method} ${route} Host ${host}`).toBe(403);
        expect(consoleErrorSchema.parse(JSON.parse(response.body)).code).toBe('HOST_REFUSED');
      }
      const foreignHeaders: Record<string, string>[] = [
        { origin: 'http://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
      ];
      for (const foreign of foreignHeaders) {
        const response = await rawRequest(origin, method, route, {
          host: `127.0.0.1:${port}`,
          authorization,
          ...foreign,
        });
        expect(response.status, `${method} ${route} ${JSON.stringify(foreign)}`).toBe(403);
        expect(consoleErrorSchema.parse(JSON.parse(response.body)).code).toBe('ORIGIN_REFUSED');
      }
    }
  });

  it('answers the printed URL with a cookie and a redirect; the cookie then opens the page, with its security headers', async () => {
    const host = `127.0.0.1:${port}`;
    const visit = await rawRequest(origin, 'GET', `/runs?token=${token}`, { host, 'sec-fetch-site': 'none' });

    expect(visit.status).toBe(303);
    expect(visit.headers.location).toBe('/runs');
    const cookie = String(visit.headers['set-cookie']).split(';')[0]!;
    expect(String(visit.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);

    const page = await rawRequest(origin, 'GET', '/runs', { host, cookie, 'sec-fetch-site': 'same-origin' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<div id="app">');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    const post = await rawRequest(origin, 'POST', '/api/sql', { host, cookie }, '{"sql":"select 1"}');
    expect(post.status, 'a POST with only the cookie (a cross-site form could send that)').toBe(403);
    expect(consoleErrorSchema.parse(JSON.parse(post.body)).code).toBe('CSRF_CHECK_FAILED');
  });
});

describe('shiftflow console: a run from Run now', () => {
  let runId: string;

  it('shows the run submitted and then ended FINISHED on the event stream, and its message published', async () => {
    const stream = new EventStreamReader();
    await stream.open(origin, token);
    try {
      const started = await api('/api/runs', { method: 'POST' });
      expect(started.status, JSON.stringify(started.json)).toBe(202);
      runId = runNowResponseSchema.parse(started.json).runId;

      const submitted = await stream.next(
        (event) => event.event === 'run-submitted' && event.data.run.runId === runId,
        300_000,
      );
      const ended = await stream.next(
        (event) => event.event === 'run-ended' && event.data.run.runId === runId,
        300_000,
      );
      const published = await stream.next((event) => event.event === 'message-published', 300_000);

      expect(stream.events.indexOf(submitted)).toBeLessThan(stream.events.indexOf(ended));
      expect(ended.event === 'run-ended' && ended.data.run.status).toBe('FINISHED');
      expect(submitted.event === 'run-submitted' && submitted.data.run.trigger).toBe('manual');
      expect(published.event === 'message-published' && published.data.message.runId).toBe(runId);
      // The notifier's entry adds rows loaded; the run's end time stays the first ended status's.
      const recorded = await stream.next(
        (event) => event.event === 'run-recorded' && event.data.run.runId === runId,
        300_000,
      );
      expect(recorded.event === 'run-recorded' && recorded.data.run.rowsLoaded).toBe(500);
      expect(recorded.event === 'run-recorded' && recorded.data.run.endedAt).toBe(
        ended.event === 'run-ended' ? ended.data.run.endedAt : 'not ended',
      );
    } finally {
      await stream.close();
    }
  });

  it('lists the run newest first with its rows loaded, and the schedule with its next times', async () => {
    const { status, json } = await api('/api/runs');
    const runs = runsResponseSchema.parse(json);

    expect(status).toBe(200);
    expect(runs.runs[0]).toMatchObject({ runId, status: 'FINISHED', trigger: 'manual', rowsLoaded: 500 });
    expect(runs.schedule).toMatchObject({ expression: expect.stringMatching(/^cron\(/), active: false });
    expect(runs.schedule.next.length).toBeGreaterThan(0);
    expect(runs.runNow).toEqual({ available: true, active: false, reason: null });
  });

  it("keeps the run's notification in the inbox, as the outbox has it", async () => {
    const inbox = inboxResponseSchema.parse((await api('/api/inbox')).json);
    const message = inbox.messages.find((candidate) => candidate.runId === runId);
    const outboxFiles = (await readdir(path.join(state, 'outbox'))).filter((name) => name.endsWith('.json'));
    const outbox = JSON.parse(await readFile(path.join(state, 'outbox', outboxFiles[0]!), 'utf8'));

    expect(message).toBeDefined();
    expect(message?.subject).toBe(outbox.Subject);
    expect(message?.body).toBe(outbox.Message);
    expect(message?.email?.to).toContain('@');
    expect(message?.deliveries).toContainEqual(
      expect.objectContaining({ protocol: 'outbox', outcome: 'delivered' }),
    );
  });

  it('shows the run’s statement, its timeline from SUBMITTED to FINISHED, its notification and its log lines', async () => {
    const { status, json } = await api(`/api/runs/${encodeURIComponent(runId)}`);
    const detail = runDetailResponseSchema.parse(json);

    expect(status).toBe(200);
    expect(detail.statement?.sql).toMatch(/CALL run_elt_process/i);
    expect(detail.statement).toMatchObject({ described: true, describeError: null });
    expect(detail.statement?.timeline[0]?.status).toBe('SUBMITTED');
    expect(detail.statement?.timeline.at(-1)?.status).toBe('FINISHED');
    expect(detail.notification?.body).toContain(runId);
    expect(detail.loadErrors).toEqual([]);
    const sources = new Set(detail.logs.map((line) => line.source));
    expect(sources.has('runner') && sources.has('notifier'), [...sources].join(', ')).toBe(true);
    const name = detail.run.statementName ?? runId;
    expect(detail.logs.every((line) => line.fields.statementId === runId || line.fields.runId === name)).toBe(
      true,
    );
  });

  it('answers an unknown run with 404 NOT_FOUND naming it', async () => {
    const { status, json } = await api('/api/runs/no-such-run');

    expect(status).toBe(404);
    expect(consoleErrorSchema.parse(json)).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no-such-run'),
    });
  });
});

describe('shiftflow console: data and SQL', () => {
  it("gives the view's rows and chart points as shiftflow query reads them", async () => {
    const data = dataResponseSchema.parse((await api('/api/data')).json);
    const query = await runCliProcess([
      'query',
      '--json',
      '--state-dir',
      state,
      'select pickup_month, total_trips, avg_fare from nyc_yellow_taxi_volume_analysis order by 1',
    ]);
    expect(query.code, query.stderr).toBe(0);
    const rows = JSON.parse(query.stdout) as {
      pickup_month: string;
      total_trips: number;
      avg_fare: number;
    }[];

    expect(data.view).toBe('nyc_yellow_taxi_volume_analysis');
    expect(data.rowCount).toBe(rows.length);
    expect(data.columns.find((column) => column.name === 'total_trips')?.typeName).toBe('int8');
    expect(data.chart?.map((point) => point.trips)).toEqual(rows.map((row) => Number(row.total_trips)));
    expect(data.chart?.map((point) => point.averageFare)).toEqual(rows.map((row) => Number(row.avg_fare)));
    expect(data.chart?.reduce((sum, point) => sum + point.trips, 0)).toBe(500);
    expect(data.lastRefresh).not.toBeNull();
  });

  it('runs SQL with typed columns and pages of 100 rows', async () => {
    const sql =
      "select n, 'row ' || n as label, n * 1.5 as half_more from generate_series(1, 250) as n order by n";
    const first = sqlResultSchema.parse((await api('/api/sql', { method: 'POST', body: { sql } })).json);

    expect(first.columns.map((column) => column.name)).toEqual(['n', 'label', 'half_more']);
    expect(first.columns[0]?.typeName).toMatch(/^int/);
    expect(first.columns[1]?.typeName).toMatch(/char|text/);
    expect(first.totalRows).toBe(250);
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]).toEqual([1, 'row 1', expect.anything()]);

    const pages = [first];
    while (pages.at(-1)!.nextToken !== null) {
      const previous = pages.at(-1)!;
      const next = await api(
        `/api/sql/results?statementId=${previous.statementId}&nextToken=${encodeURIComponent(previous.nextToken!)}`,
      );
      expect(next.status, JSON.stringify(next.json)).toBe(200);
      pages.push(sqlResultSchema.parse(next.json));
    }
    expect(pages.map((page) => page.rows.length)).toEqual([100, 100, 50]);
    expect(pages.flatMap((page) => page.rows.map((row) => row[0]))).toEqual(
      Array.from({ length: 250 }, (_, index) => index + 1),
    );
  });

  it("answers bad SQL with Redshift's error, a bad body or token with BAD_REQUEST, and goes on answering", async () => {
    const failed = await api('/api/sql', { method: 'POST', body: { sql: 'select * from no_such_table' } });
    expect(failed.status).toBe(400);
    expect(consoleErrorSchema.parse(failed.json)).toMatchObject({
      code: 'STATEMENT_FAILED',
      message: expect.stringMatching(/no_such_table.*does not exist/),
      statementId: expect.any(String),
    });

    for (const body of ['not json', '{"sql":""}', '{"query":"select 1"}']) {
      const refused = await api('/api/sql', { method: 'POST', body });
      expect(refused.status, body).toBe(400);
      expect(consoleErrorSchema.parse(refused.json).code).toBe('BAD_REQUEST');
    }
    const badToken = await api('/api/sql/results?statementId=abc&nextToken=not-a-token');
    expect(badToken.status).toBe(400);
    expect(consoleErrorSchema.parse(badToken.json).message).toContain('not-a-token');

    expect((await api('/api/runs')).status).toBe(200);
  });

  it('keeps the SQL history in the state folder, newest first, with each statement’s outcome', async () => {
    const history = sqlHistoryResponseSchema.parse((await api('/api/sql/history')).json);

    expect(history.entries[0]).toMatchObject({ status: 'FAILED', sql: 'select * from no_such_table' });
    expect(history.entries[0]?.error).toMatch(/does not exist/);
    expect(history.entries[1]).toMatchObject({ status: 'FINISHED', totalRows: 250 });
    expect(existsSync(path.join(state, 'console-sql-history.json'))).toBe(true);
  });
});

describe('shiftflow console: a failed load', () => {
  it("shows the failed run's error and the bad row's load error", async () => {
    const directory = path.join(state, 's3', 'shiftflow-sample', 'nyc_yellow_taxi_raw');
    const [firstFile] = (await readdir(directory)).sort();
    const [goodLine] = (await readFile(path.join(directory, firstFile!), 'utf8')).split('\n');
    const fields = goodLine!.split('|');
    // The first decimal field (trip_distance, FLOAT4) cannot take this text: one bad row.
    const decimal = fields.findIndex((field) => /^\d+\.\d+$/.test(field));
    expect(decimal).toBeGreaterThanOrEqual(0);
    fields[decimal] = 'not-a-number';
    await writeFile(path.join(directory, 'zz-bad-row.txt'), `${goodLine}\n${fields.join('|')}\n`);
    const stream = new EventStreamReader();
    await stream.open(origin, token);
    try {
      const started = await api('/api/runs', { method: 'POST' });
      const { runId } = runNowResponseSchema.parse(started.json);
      const ended = await stream.next(
        (event) => event.event === 'run-ended' && event.data.run.runId === runId,
        300_000,
      );
      expect(ended.event === 'run-ended' && ended.data.run.status).toBe('FAILED');
      await stream.next(
        (event) => event.event === 'message-published' && event.data.message.runId === runId,
        300_000,
      );

      const detail = runDetailResponseSchema.parse(
        (await api(`/api/runs/${encodeURIComponent(runId)}`)).json,
      );

      expect(detail.error).toMatch(/Load into table/);
      expect(detail.loadErrors.length).toBeGreaterThan(0);
      expect(detail.loadErrors[0]).toMatchObject({
        lineNumber: 2,
        fileName: expect.stringContaining('zz-bad-row.txt'),
      });
      expect(detail.notification?.subject).toMatch(/fail/i);
    } finally {
      await stream.close();
    }
  });
});

describe('shiftflow console: a SQL request the page gives up on', () => {
  it('cancels its statement, records it ABORTED and leaves the engine free', async () => {
    const endpoint = /local Redshift (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.output())?.[1];
    expect(endpoint, cli.output()).toBeDefined();
    const dataApi = new RedshiftData({
      clientConfig: {
        endpoint: endpoint!,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
      target: { workgroupName: 'shiftflow', database: 'dev' },
    });
    const sql = 'select pg_sleep(600)';
    const page = new AbortController();
    const request = fetch(`${origin}/api/sql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-shiftflow-console': '1' },
      body: JSON.stringify({ sql }),
      signal: page.signal,
    }).catch((error: unknown) => error);
    await expect
      .poll(
        async () => {
          for await (const statement of dataApi.listStatements({ status: 'STARTED', maxResults: 20 })) {
            if (statement.queryString === sql) return statement.id;
          }
          return undefined;
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBeDefined();

    page.abort();
    await request;

    await expect
      .poll(async () => sqlHistoryResponseSchema.parse((await api('/api/sql/history')).json).entries[0], {
        timeout: 120_000,
        interval: 200,
      })
      .toMatchObject({ sql, status: 'ABORTED' });
    const after = await api('/api/sql', { method: 'POST', body: { sql: 'select 42 as answer' } });
    expect(sqlResultSchema.parse(after.json).rows).toEqual([[42]]);
  });
});
