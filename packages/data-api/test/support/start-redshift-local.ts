import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RedshiftDataApi } from '../../src/redshift-data-api';

/** The part of `@shiftflow/redshift-local` these tests use. */
interface RedshiftLocalModule {
  startLocalRedshift(options: { s3Root: string }): Promise<{ endpoint: string; close(): Promise<void> }>;
}

function isRedshiftLocalModule(value: unknown): value is RedshiftLocalModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    'startLocalRedshift' in value &&
    typeof value.startLocalRedshift === 'function'
  );
}

// redshift-local depends on data-api for its own tests, so data-api cannot list it as a dependency
// (a workspace cycle): its built dist is loaded by path instead.
const entry = path.resolve(import.meta.dirname, '../../../redshift-local/dist/index.js');

/** A local Redshift (PGlite) on 127.0.0.1, and a client pointed at it with dummy credentials. */
export interface LocalRedshiftClient {
  data: RedshiftDataApi;
  close(): Promise<void>;
}

/**
 * Starts `@shiftflow/redshift-local` in a temp folder and returns a {@link RedshiftDataApi} on it: the
 * setup the README's local-development section shows.
 */
export async function startRedshiftLocal(): Promise<LocalRedshiftClient> {
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`pnpm --filter @shiftflow/redshift-local build\` first`);
  }
  const loaded: unknown = await import(pathToFileURL(entry).href);
  if (!isRedshiftLocalModule(loaded)) throw new Error(`${entry} does not export startLocalRedshift`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-data-api-local-'));
  const s3Root = path.join(scratch, 's3');
  mkdirSync(s3Root);
  const local = await loaded.startLocalRedshift({ s3Root });
  const data = new RedshiftDataApi({
    clientConfig: {
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    },
    target: { workgroupName: 'local', database: 'dev' },
  });
  return {
    data,
    async close() {
      data.client.destroy();
      await local.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
