import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startCountingProxy } from './counting-proxy';

const servers: Server[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** An upstream that echoes the operation, the host header it saw and the body. */
async function echoServer(): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(request.headers['x-amz-target'] === 'RedshiftData.Fail' ? 400 : 200, {
        'content-type': 'application/json',
        'x-upstream': 'yes',
      });
      response.end(
        JSON.stringify({
          target: request.headers['x-amz-target'],
          host: request.headers.host,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(url: string, operation: string, body = '{}') {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'x-amz-target': `RedshiftData.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    body,
  });
  return { status: response.status, header: response.headers.get('x-upstream'), json: await response.json() };
}

describe('startCountingProxy', () => {
  it('counts requests per operation and forwards body, headers and status unchanged', async () => {
    const upstream = await echoServer();
    const proxy = await startCountingProxy(upstream);
    closers.push(proxy.close);
    const first = await call(proxy.url, 'ExecuteStatement', '{"Sql":"select 1"}');
    await call(proxy.url, 'DescribeStatement');
    await call(proxy.url, 'DescribeStatement');
    const failed = await call(proxy.url, 'Fail');

    expect(first).toEqual({
      status: 200,
      header: 'yes',
      json: {
        target: 'RedshiftData.ExecuteStatement',
        host: new URL(proxy.url).host,
        body: '{"Sql":"select 1"}',
      },
    });
    expect(failed.status).toBe(400);
    expect(proxy.counts()).toEqual({ ExecuteStatement: 1, DescribeStatement: 2, Fail: 1 });
  });

  it('starts counting from zero after reset', async () => {
    const proxy = await startCountingProxy(await echoServer());
    closers.push(proxy.close);
    await call(proxy.url, 'ListStatements');
    proxy.reset();
    await call(proxy.url, 'ExecuteStatement');
    expect(proxy.counts()).toEqual({ ExecuteStatement: 1 });
  });

  it('answers 502 naming the failure when the endpoint is down', async () => {
    const upstream = await echoServer();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const proxy = await startCountingProxy(upstream);
    closers.push(proxy.close);
    const response = await fetch(proxy.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'RedshiftData.X' },
    });
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/^counting proxy: .*ECONNREFUSED/);
  });
});
