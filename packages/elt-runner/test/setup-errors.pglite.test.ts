import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RedshiftData } from '@shiftflow/data-api';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySetup } from '../src/apply-setup';
import { SetupStatementFailedError } from '../src/errors';
import { readSetupFiles } from '../src/read-setup-files';
import { localRedshiftDataApi, repository, repositoryConfig } from './local-redshift-data-api';

describe('setup errors against the local Redshift (PGlite)', () => {
  let s3Root: string;
  let local: LocalRedshift;
  let dataApi: RedshiftData;

  beforeAll(async () => {
    s3Root = mkdtempSync(path.join(tmpdir(), 'shiftflow-setup-errors-'));
    local = await startLocalRedshift({ s3Root });
    dataApi = localRedshiftDataApi(local);
  });

  afterAll(async () => {
    await local?.close();
    rmSync(s3Root, { recursive: true, force: true });
  });

  it('blames a statement the dialect refuses in the third file on that file and line, not on the first file', async () => {
    const files = await readSetupFiles(repository, repositoryConfig.setupFiles);
    const third = files[2]!;
    const lines = third.sql.split('\n').length;
    files[2] = {
      ...third,
      sql: `${third.sql}\nCREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'x' IAM_ROLE 'arn:aws:iam::123456789012:role/x';\n`,
    };
    const error = await applySetup({ dataApi, files, values: repositoryConfig, pollIntervalMs: 20 }).catch(
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
    const files = await readSetupFiles(repository, repositoryConfig.setupFiles);
    files[2] = { ...files[2]!, sql: `${files[2]!.sql}\nSELECT no_such_column FROM elt_run_log;\n` };
    const error = await applySetup({ dataApi, files, values: repositoryConfig, pollIntervalMs: 20 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ file: 'sql/setup/003_elt_run_log.sql', statementNumber: 2 });
    expect((error as Error).message).toContain('no_such_column');
  });
});
