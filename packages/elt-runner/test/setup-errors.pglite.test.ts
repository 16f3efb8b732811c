import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { parsePipelineConfig } from '@shiftflow/events';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySetup } from '../src/apply-setup';
import { SetupStatementFailedError } from '../src/errors';
import { readSetupFiles } from '../src/read-setup-files';

const repository = path.resolve(import.meta.dirname, '../../..');
const config = parsePipelineConfig(
  JSON.parse(readFileSync(path.join(repository, 'shiftflow.config.json'), 'utf8')),
);

describe('setup errors against the local Redshift (PGlite)', () => {
  let s3Root: string;
  let local: LocalRedshift;
  let dataApi: RedshiftData;

  beforeAll(async () => {
    s3Root = mkdtempSync(path.join(tmpdir(), 'shiftflow-setup-errors-'));
    local = await startLocalRedshift({ s3Root });
    const client = new RedshiftDataClient({
      region: 'us-east-1',
      endpoint: local.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    dataApi = new RedshiftData({ client, target: { workgroupName: 'shiftflow', database: 'dev' } });
  });

  afterAll(async () => {
    await local?.close();
    rmSync(s3Root, { recursive: true, force: true });
  });

  it('blames a statement the dialect refuses in the third file on that file and line, not on the first file', async () => {
    const files = await readSetupFiles(repository, config.setupFiles);
    const third = files[2]!;
    const lines = third.sql.split('\n').length;
    files[2] = {
      ...third,
      sql: `${third.sql}\nCREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'x' IAM_ROLE 'arn:aws:iam::123456789012:role/x';\n`,
    };
    const error = await applySetup({ dataApi, files, values: config, pollIntervalMs: 20 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SetupStatementFailedError);
    expect(error).toMatchObject({
      file: 'sql/setup/003_elt_run_log.sql',
      statementNumber: 2,
      line: lines + 1,
    });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^sql/setup/003_elt_run_log\\.sql:${lines + 1} \\(statement 2 of the file\\) FAILED: ERROR: CREATE EXTERNAL SCHEMA is not emulated`,
      ),
    );
  });

  it('blames a statement the engine refuses in the third file on that file', async () => {
    const files = await readSetupFiles(repository, config.setupFiles);
    files[2] = { ...files[2]!, sql: `${files[2]!.sql}\nSELECT no_such_column FROM elt_run_log;\n` };
    const error = await applySetup({ dataApi, files, values: config, pollIntervalMs: 20 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ file: 'sql/setup/003_elt_run_log.sql', statementNumber: 2 });
    expect((error as Error).message).toContain('no_such_column');
  });
});
