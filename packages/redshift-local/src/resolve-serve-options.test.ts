import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidOptionError } from './errors';
import { parseRedshiftLocalArguments } from './parse-redshift-local-arguments';
import { resolveServeOptions } from './resolve-serve-options';

let root = '';
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'resolve-serve-options-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function resolve(...argv: string[]) {
  return resolveServeOptions(parseRedshiftLocalArguments(['serve', ...argv]).values);
}

describe('resolveServeOptions', () => {
  it('creates the s3 root and gives the defaults: port 0, fast latency with seed 1, no event sinks', () => {
    const s3Root = path.join(root, 'not', 'yet');

    expect(resolve('--s3-root', s3Root)).toEqual({
      redshift: { latency: { profile: 'fast', seed: 1 }, s3Root, port: 0 },
      eventsTo: undefined,
      eventsFile: undefined,
    });
    expect(existsSync(s3Root)).toBe(true);
  });

  it('passes every option on', () => {
    const s3Root = path.join(root, 's3');

    expect(
      resolve(
        ...['--s3-root', s3Root, '--port', '4566', '--data-dir', 'd', '--postgres-url', 'postgres://x/y'],
        ...['--database', 'db', '--region', 'eu-west-1', '--faults', '{"throttle":{"count":3}}'],
        ...[
          '--latency',
          'realistic',
          '--latency-seed',
          '7',
          '--events-to',
          'http://h/e',
          '--events-file',
          'e.ndjson',
        ],
      ),
    ).toEqual({
      redshift: {
        latency: { profile: 'realistic', seed: 7 },
        s3Root,
        port: 4566,
        dataDir: 'd',
        engine: { type: 'postgres', url: 'postgres://x/y' },
        database: 'db',
        region: 'eu-west-1',
        faults: { throttle: { count: 3 } },
      },
      eventsTo: 'http://h/e',
      eventsFile: 'e.ndjson',
    });
  });

  it('refuses a missing --s3-root', () => {
    expect(() => resolve()).toThrow(InvalidOptionError);
  });

  it.each([
    [['--port', 'x'], '--port'],
    [['--faults', '{'], '--faults'],
    [['--events-to', 'ftp://h'], '--events-to'],
    [['--latency', 'slow'], '--latency'],
    [['--latency-seed', '1.5'], '--latency-seed'],
  ])('refuses %j naming %s, after creating the s3 root', (argv, option) => {
    const s3Root = path.join(root, 's3');

    expect(() => resolve('--s3-root', s3Root, ...argv)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option, message: expect.stringContaining(option) }),
    );
    expect(existsSync(s3Root)).toBe(true);
  });
});
