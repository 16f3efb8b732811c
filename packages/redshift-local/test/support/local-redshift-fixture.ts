/**
 * Shared setup of the integration tests: a local Redshift plus a real Data API SDK client with
 * dummy credentials and an explicit endpoint (never real AWS).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { LocalRedshift, LocalRedshiftOptions } from '../../src/index';
import { startLocalRedshift } from '../../src/index';

export interface Fixture {
  redshift: LocalRedshift;
  client: RedshiftDataClient;
  s3Root: string;
  dataDir: string;
  target: { WorkgroupName: string; Database: string };
  /** Closes the endpoint and engine but keeps the folders (for restart tests). */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export function sdkClient(endpoint: string, credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) {
  return new RedshiftDataClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export async function startFixture(options: Partial<LocalRedshiftOptions> = {}): Promise<Fixture> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-test-'));
  const s3Root = path.join(root, 's3');
  const dataDir = options.dataDir ?? path.join(root, 'data');
  // Readable by the `postgres` user, whose server-side COPY reads the local S3 files.
  chmodSync(root, 0o755);
  mkdirSync(s3Root, { recursive: true, mode: 0o755 });
  const redshift = await startLocalRedshift({ s3Root, dataDir, ...options });
  const client = sdkClient(redshift.endpoint);
  return {
    redshift,
    client,
    s3Root,
    dataDir,
    target: { WorkgroupName: 'local', Database: 'dev' },
    async stop() {
      client.destroy();
      await redshift.close();
    },
    async dispose() {
      client.destroy();
      await redshift.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
