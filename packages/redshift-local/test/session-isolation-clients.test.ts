/**
 * The session-isolation checks with the AWS CLI and boto3 against `redshift-local serve`, on PGlite
 * and on a PostgreSQL server: temp tables of the same name in two kept-alive sessions, none of them
 * seen by a session-less statement, a session-less BEGIN and failing statement that poison nothing,
 * GETDATE/DATEADD after SET search_path, and one RedshiftPid per session. Needs the `aws` command and
 * python3 with boto3 (Debian: awscli, python3-boto3; .ci/run installs them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from './support/postgres-server';
import { type ServeForClients, startServeForClients } from './support/serve-for-clients';

const boto3Script = `
def run(sql, session=None, keep=None):
    arguments = {"Sql": sql}
    if session is None:
        arguments.update(WorkgroupName="local", Database="dev")
    else:
        arguments["SessionId"] = session
    if keep is not None:
        arguments["SessionKeepAliveSeconds"] = keep
    submitted = client.execute_statement(**arguments)
    return submitted.get("SessionId"), ended(submitted["Id"])
def value(sql, session=None):
    _, description = run(sql, session)
    if description["Status"] != "FINISHED":
        return "FAILED: " + description.get("Error", "")
    field = client.get_statement_result(Id=description["Id"])["Records"][0][0]
    return list(field.values())[0]
first, _ = run("create temp table boto_scratch as select 1 as v", keep=60)
second, _ = run("create temp table boto_scratch as select 2 as v", keep=60)
out = {"first": value("select v from boto_scratch", first), "second": value("select v from boto_scratch", second)}
out["sessionless"] = run("select v from boto_scratch")[1]["Status"]
run("begin")
run("select 1 / 0")
out["afterPoison"] = value("select 42")
run("create schema if not exists boto_schema")
run("set search_path to boto_schema", first)
out["dateadd"] = value("select dateadd(day, 1, '2024-01-31'::date)::date::text", first)
out["pids"] = [run("select 1", first)[1]["RedshiftPid"], run("select 1", first)[1]["RedshiftPid"],
               run("select 1", second)[1]["RedshiftPid"]]
print(json.dumps(out))
`;

function defineClientSuite(engineName: string, postgresUrl: () => string | undefined): void {
  describe(`session isolation with the AWS CLI and boto3 against serve on ${engineName}`, () => {
    let serve: ServeForClients;
    const cliRun = (sql: string, ...where: string[]) => serve.awsStatement(sql, ...where);

    beforeAll(async () => {
      serve = await startServeForClients('sessions-cli', postgresUrl());
    });

    afterAll(async () => serve?.close());

    it('keeps AWS CLI sessions apart and lets no session-less BEGIN poison the next statement', async () => {
      const target = ['--workgroup-name', 'local', '--database', 'dev'];
      const first = await cliRun(
        'create temp table cli_scratch as select 1 as v',
        ...target,
        '--session-keep-alive-seconds',
        '60',
      );
      expect(first.Status).toBe('FINISHED');
      const session = String(first.SessionId);
      const second = await cliRun(
        'create temp table cli_scratch as select 2 as v',
        ...target,
        '--session-keep-alive-seconds',
        '60',
      );
      expect(second.Status, String(second.Error)).toBe('FINISHED');
      expect((await cliRun('select v from cli_scratch', '--session-id', session)).Status).toBe('FINISHED');
      const outside = await cliRun('select v from cli_scratch', ...target);
      expect(outside.Status).toBe('FAILED');
      expect(String(outside.Error)).toMatch(/cli_scratch/);
      expect((await cliRun('begin', ...target)).Status).toBe('FINISHED');
      expect((await cliRun('select 1 / 0', ...target)).Status).toBe('FAILED');
      const after = await cliRun('select 42', ...target);
      expect(after.Status, String(after.Error)).toBe('FINISHED');
      expect(after.RedshiftPid).not.toBe(first.RedshiftPid);
    });

    it('keeps boto3 sessions apart: same-named temp tables, search_path, one RedshiftPid per session', async () => {
      const output = await serve.boto3<Record<string, unknown> & { pids: number[] }>(boto3Script);
      expect(output).toMatchObject({
        first: 1,
        second: 2,
        sessionless: 'FAILED',
        afterPoison: 42,
        dateadd: '2024-02-01',
      });
      const [first, again, second] = output.pids;
      expect(first).toBe(again);
      expect(first).not.toBe(second);
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
