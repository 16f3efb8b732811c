import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExecuteStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, type LocalRedshift, startLocalRedshift } from '../src/index';
import { runRedshiftLocalCommand } from '../src/run-redshift-local-command';

function collector() {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
    },
    get text() {
      return text;
    },
  };
}

describe('redshift-local serve', () => {
  it('serves and prints export lines that an SDK client picks up from the environment', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-command-'));
    const output = collector();
    const events = collector();
    const redshift = await runRedshiftLocalCommand(
      ['serve', '--s3-root', path.join(root, 's3'), '--data-dir', path.join(root, 'data'), '--port', '0'],
      output,
      events,
    );
    try {
      const exported = Object.fromEntries(
        [...output.text.matchAll(/^export (\w+)=(.*)$/gm)].map((match) => [match[1], match[2]]),
      );
      expect(exported).toEqual({
        AWS_ENDPOINT_URL_REDSHIFT_DATA: redshift!.endpoint,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
      });
      const saved = { ...process.env };
      Object.assign(process.env, exported);
      const client = new RedshiftDataClient({});
      try {
        await client.send(
          new ExecuteStatementCommand({
            WorkgroupName: 'local',
            Database: 'dev',
            Sql: 'select 1',
            WithEvent: true,
            WaitTimeSeconds: 10,
          }),
        );
      } finally {
        client.destroy();
        process.env = saved;
      }
      const event = JSON.parse(events.text.trim().split('\n')[0] ?? '{}') as { detail?: { state?: string } };
      expect(event.detail?.state).toBe('FINISHED');
    } finally {
      await redshift?.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('creates a missing s3Root (as the README example expects) and refuses a file in its place', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-s3root-'));
    const s3Root = path.join(root, 'not', 'yet');
    let redshift: LocalRedshift | undefined;
    try {
      redshift = await startLocalRedshift({ s3Root });
      expect(statSync(s3Root).isDirectory()).toBe(true);
      writeFileSync(path.join(root, 'file'), 'x');
      await expect(startLocalRedshift({ s3Root: path.join(root, 'file') })).rejects.toThrow(
        /s3Root.*is not a folder/s,
      );
    } finally {
      await redshift?.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a missing --s3-root and an unknown command with InvalidOptionError', async () => {
    await expect(runRedshiftLocalCommand(['serve'], collector(), collector())).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
    await expect(runRedshiftLocalCommand(['start'], collector(), collector())).rejects.toThrow(
      /"start" is not known/,
    );
  });
});
