/**
 * The COPY-errors checks with the AWS CLI and boto3 against `redshift-local serve`, on PGlite and on a
 * PostgreSQL server: a load with a bad row FAILS with Redshift's message, stl_load_errors and
 * sys_load_error_detail hold the rejected row under the statement's RedshiftPid and RedshiftQueryId, and
 * MAXERROR lets the load skip it. Needs the `aws` command and python3 with boto3 (Debian: awscli,
 * python3-boto3; .ci/run installs them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFailedMessage, tripsWithTwoBadLines } from './support/copy-errors-suite';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from './support/postgres-server';
import { type ServeForClients, startServeForClients } from './support/serve-for-clients';

const boto3Script = `
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
    let serve: ServeForClients;
    const cliRun = (sql: string) => serve.awsStatement(sql, '--workgroup-name', 'local', '--database', 'dev');

    /** The records of `sql` as lists of the fields' single values. */
    async function cliRows(sql: string): Promise<unknown[][]> {
      const described = await cliRun(sql);
      expect(described.Status, String(described.Error)).toBe('FINISHED');
      const result = await serve.aws('get-statement-result', '--id', String(described.Id));
      const records = result.Records as Record<string, unknown>[][];
      return records.map((record) => record.map((field) => Object.values(field)[0]));
    }

    beforeAll(async () => {
      serve = await startServeForClients('copy-errors-cli', postgresUrl());
      mkdirSync(path.join(serve.s3Root, 'loads', 'bad'), { recursive: true, mode: 0o755 });
      writeFileSync(path.join(serve.s3Root, 'loads', 'bad', 'trips.txt'), tripsWithTwoBadLines, {
        mode: 0o644,
      });
    });

    afterAll(async () => serve?.close());

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
      const output = await serve.boto3<{
        failed: { Status: string; Error: string; RedshiftPid: number; RedshiftQueryId: number };
        detail: Record<string, unknown>[];
        tolerated: string;
        loaded: number;
        skipped: number[];
      }>(boto3Script);
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
