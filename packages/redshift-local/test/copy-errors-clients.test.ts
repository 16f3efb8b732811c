/**
 * The COPY-errors checks with the AWS CLI and boto3 against `redshift-local serve`, on PGlite and on a
 * PostgreSQL server: a load with a bad row FAILS with Redshift's message, stl_load_errors and
 * sys_load_error_detail hold the rejected row under the statement's RedshiftPid and RedshiftQueryId, and
 * MAXERROR lets the load skip it. Needs the `aws` command and python3 with boto3 (Debian: awscli,
 * python3-boto3; .ci/run installs them).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshift } from '../src/index';
import { runRedshiftLocalCommand } from '../src/run-redshift-local-command';
import { loadFailedMessage, tripsWithTwoBadLines } from './support/copy-errors-suite';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from './support/postgres-server';

const run = promisify(execFile);

const boto3Script = `
import json, time, boto3
client = boto3.client("redshift-data")
def ended(statement_id):
    while True:
        description = client.describe_statement(Id=statement_id)
        if description["Status"] in ("FINISHED", "FAILED", "ABORTED"):
            return description
        time.sleep(0.05)
def run(sql):
    return ended(client.execute_statement(WorkgroupName="local", Database="dev", Sql=sql)["Id"])
def rows(sql):
    description = run(sql)
    assert description["Status"] == "FINISHED", description.get("Error")
    result = client.get_statement_result(Id=description["Id"])
    names = [column["name"] for column in result["ColumnMetadata"]]
    return [dict(zip(names, [list(field.values())[0] for field in record])) for record in result["Records"]]
out = {}
run("create table boto_trips (id int, vendor varchar(3), fare numeric(6,2), day date)")
failed = run("copy boto_trips from 's3://loads/bad/' iam_role default delimiter '|'")
out["failed"] = {"Status": failed["Status"], "Error": failed.get("Error"), "RedshiftPid": failed["RedshiftPid"],
                 "RedshiftQueryId": failed["RedshiftQueryId"]}
out["detail"] = rows("select session_id, query_id, trim(file_name) as file_name, line_number, trim(column_name) as column_name, "
                     "error_code, trim(error_message) as error_message from sys_load_error_detail "
                     "where session_id = %d and query_id = %d" % (failed["RedshiftPid"], failed["RedshiftQueryId"]))
tolerated = run("copy boto_trips from 's3://loads/bad/' delimiter '|' maxerror 2")
out["tolerated"] = tolerated["Status"]
out["loaded"] = rows("select count(*) as n from boto_trips")[0]["n"]
out["skipped"] = [row["line_number"] for row in rows("select line_number from stl_load_errors where query = %d order by 1"
                                                      % tolerated["RedshiftQueryId"])]
print(json.dumps(out))
`;

function defineClientSuite(engineName: string, postgresUrl: () => string | undefined): void {
  describe(`COPY load errors with the AWS CLI and boto3 against serve on ${engineName}`, () => {
    let root: string;
    let redshift: LocalRedshift | undefined;
    let environment: NodeJS.ProcessEnv;

    async function aws(...args: string[]): Promise<Record<string, unknown>> {
      try {
        const { stdout } = await run('aws', ['redshift-data', ...args, '--output', 'json'], {
          env: environment,
        });
        return JSON.parse(stdout) as Record<string, unknown>;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT')
          throw new Error(
            'this test needs the AWS CLI (Debian: apt-get install awscli; .ci/run installs it)',
          );
        throw error;
      }
    }

    async function cliRun(sql: string): Promise<Record<string, unknown>> {
      const submitted = await aws(
        'execute-statement',
        '--workgroup-name',
        'local',
        '--database',
        'dev',
        '--sql',
        sql,
      );
      for (;;) {
        const described = await aws('describe-statement', '--id', String(submitted.Id));
        if (['FINISHED', 'FAILED', 'ABORTED'].includes(String(described.Status))) return described;
      }
    }

    /** The records of `sql` as lists of the fields' single values. */
    async function cliRows(sql: string): Promise<unknown[][]> {
      const described = await cliRun(sql);
      expect(described.Status, String(described.Error)).toBe('FINISHED');
      const result = await aws('get-statement-result', '--id', String(described.Id));
      const records = result.Records as Record<string, unknown>[][];
      return records.map((record) => record.map((field) => Object.values(field)[0]));
    }

    beforeAll(async () => {
      root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-copy-errors-cli-'));
      chmodSync(root, 0o755);
      mkdirSync(path.join(root, 's3', 'loads', 'bad'), { recursive: true, mode: 0o755 });
      writeFileSync(path.join(root, 's3', 'loads', 'bad', 'trips.txt'), tripsWithTwoBadLines, {
        mode: 0o644,
      });
      const url = postgresUrl();
      const engineArguments =
        url === undefined ? ['--data-dir', path.join(root, 'data')] : ['--postgres-url', url];
      const quiet = { write: () => true };
      redshift = await runRedshiftLocalCommand(
        ['serve', '--s3-root', path.join(root, 's3'), '--port', '0', ...engineArguments],
        quiet,
        quiet,
      );
      environment = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: root,
        ...redshift?.environment,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      };
    });

    afterAll(async () => {
      await redshift?.close();
      rmSync(root, { recursive: true, force: true });
    });

    it("shows the AWS CLI Redshift's load failure and the rejected row in stl_load_errors under the statement's ids", async () => {
      expect(
        (await cliRun('create table cli_trips (id int, vendor varchar(3), fare numeric(6,2), day date)'))
          .Status,
      ).toBe('FINISHED');
      const copy = await cliRun(`copy cli_trips from 's3://loads/bad/' iam_role default delimiter '|'`);
      expect(copy.Status).toBe('FAILED');
      expect(copy.Error).toBe(loadFailedMessage('cli_trips'));
      expect(
        await cliRows(
          `select session, query, trim(filename), line_number, trim(colname), trim(type), trim(raw_line),
                  trim(raw_field_value), err_code, trim(err_reason)
           from stl_load_errors where query = ${Number(copy.RedshiftQueryId)}`,
        ),
      ).toEqual([
        [
          copy.RedshiftPid,
          copy.RedshiftQueryId,
          's3://loads/bad/trips.txt',
          3,
          'id',
          'int4',
          'x3|GHI|12.00|2024-01-03',
          'x3',
          1207,
          "Invalid digit, Value 'x', Pos 0, Type: Integer",
        ],
      ]);
      const tolerated = await cliRun(`copy cli_trips from 's3://loads/bad/' delimiter '|' maxerror 2`);
      expect(tolerated.Status, String(tolerated.Error)).toBe('FINISHED');
      expect(await cliRows('select id from cli_trips order by id')).toEqual([[1], [2], [4]]);
    });

    it('shows boto3 the failed load, its sys_load_error_detail row and a MAXERROR load that skips two rows', async () => {
      const python = await run('python3', ['-c', boto3Script], { env: environment }).catch(
        (error: unknown) => {
          const stderr = String((error as { stderr?: unknown }).stderr ?? error);
          if (/No module named .?boto3/.test(stderr) || (error as { code?: unknown }).code === 'ENOENT')
            throw new Error(
              `this test needs python3 with boto3 (Debian: python3-boto3; .ci/run installs it): ${stderr}`,
            );
          throw error;
        },
      );
      const output = JSON.parse(python.stdout) as {
        failed: { Status: string; Error: string; RedshiftPid: number; RedshiftQueryId: number };
        detail: Record<string, unknown>[];
        tolerated: string;
        loaded: number;
        skipped: number[];
      };
      expect(output.failed).toMatchObject({ Status: 'FAILED', Error: loadFailedMessage('boto_trips') });
      expect(output.detail).toEqual([
        {
          session_id: output.failed.RedshiftPid,
          query_id: output.failed.RedshiftQueryId,
          file_name: 's3://loads/bad/trips.txt',
          line_number: 3,
          column_name: 'id',
          error_code: 1207,
          error_message: "Invalid digit, Value 'x', Pos 0, Type: Integer",
        },
      ]);
      expect(output).toMatchObject({ tolerated: 'FINISHED', loaded: 3, skipped: [3, 5] });
    });
  });
}

defineClientSuite('PGlite', () => undefined);

let server: PostgresServer | undefined;
beforeAll(async () => {
  server = await startPostgresServer();
  if (!server.ok) throw postgresUnavailable(server.reason);
});
afterAll(async () => {
  if (server?.ok) await server.stop();
});
defineClientSuite('PostgreSQL', () => (server?.ok ? server.url : undefined));
