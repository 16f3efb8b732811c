import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureStateFolder } from './ensure-state-folder';
import { resetStateFolder } from './reset-state-folder';
import { localS3Path, stateLayout } from './state-layout';

describe('localS3Path', () => {
  it('maps bucket and prefix to folders under the local S3 root', () => {
    expect(localS3Path('/state/s3', 's3://shiftflow-sample/nyc_yellow_taxi_raw/')).toBe(
      path.join('/state/s3', 'shiftflow-sample', 'nyc_yellow_taxi_raw'),
    );
  });

  it('refuses a URI that is not S3 or that leaves its bucket', () => {
    expect(() => localS3Path('/state/s3', 'https://example.com/x')).toThrow(
      '"https://example.com/x" is not an S3 URI',
    );
    expect(() => localS3Path('/state/s3', 's3://bucket/../../etc')).toThrow('leaves its bucket');
  });
});

describe('stateLayout', () => {
  it('keeps everything inside the state folder', () => {
    const layout = stateLayout('/work/.shiftflow');

    for (const [name, value] of Object.entries(layout)) {
      if (name !== 'root') expect(value.startsWith('/work/.shiftflow/')).toBe(true);
    }
  });
});

describe('shiftflow reset and the layout', () => {
  it("deletes serve's events.ndjson and the SNS delivery log, so the marker and the folder go too", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'state-layout-'));
    try {
      const state = stateLayout(path.join(directory, '.shiftflow'));
      await ensureStateFolder(state);
      await writeFile(state.serveEvents, '{"detail-type":"Redshift Data Statement Status Change"}\n');
      await writeFile(state.snsDeliveries, '{"status":"delivered"}\n');
      expect(path.basename(state.serveEvents)).toBe('events.ndjson');

      expect(await resetStateFolder(state)).toEqual({ status: 'reset', kept: [] });

      expect(existsSync(state.root)).toBe(false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
