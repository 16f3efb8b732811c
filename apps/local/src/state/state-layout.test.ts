import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
