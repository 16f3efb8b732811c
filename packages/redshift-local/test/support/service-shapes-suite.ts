/**
 * What a client sees that the service decides, run through the real SDKs (JavaScript v3 and
 * boto3) on each engine: ColumnMetadata of table and computed columns, doubles as JSON floats,
 * ResultRows/HasResultSet per statement kind, whitespace-only SQL, the HTTP status of
 * ResourceNotFoundException, and the database the SQL sees (current_database(), three-part names,
 * information_schema).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshiftOptions } from '../../src/index';
import { type Fixture, startFixture } from './local-redshift-fixture';

const run = promisify(execFile);

async function finished(client: RedshiftDataClient, id: string) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const description = await client.send(new DescribeStatementCommand({ Id: id, WaitTimeSeconds: 20 }));
    if (['FINISHED', 'FAILED', 'ABORTED'].includes(description.Status ?? '')) return description;
  }
  throw new Error(`statement ${id} did not finish`);
}

async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** Runs `sql` with boto3 against the endpoint; prints the first record's Python value types. */
const boto3Script = `
import json, os, sys, boto3
client = boto3.client("redshift-data", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test")
statement = client.execute_statement(WorkgroupName="local", Database="dev", Sql=sys.argv[1])
while client.describe_statement(Id=statement["Id"])["Status"] not in ("FINISHED", "FAILED", "ABORTED"):
    pass
record = client.get_statement_result(Id=statement["Id"])["Records"][0]
print(json.dumps([[type(value).__name__ for value in field.values()] for field in record]))
`;

export function defineServiceShapesSuite(
  engineName: string,
  options: () => Partial<LocalRedshiftOptions> | undefined,
): void {
  describe(`service shapes on ${engineName}`, () => {
    let fixture: Fixture;
    let client: RedshiftDataClient;
    const target = { WorkgroupName: 'local', Database: 'dev' };

    async function execute(Sql: string) {
      const { Id } = await client.send(new ExecuteStatementCommand({ ...target, Sql }));
      return { Id: Id!, description: await finished(client, Id!) };
    }

    beforeAll(async () => {
      const engineOptions = options();
      if (engineOptions === undefined) return;
      fixture = await startFixture(engineOptions);
      client = fixture.client;
      const { description } = await execute(
        `drop table if exists shapes cascade;
         create table shapes (code char(3) not null, label varchar(20), note varchar, at timestamp, price numeric(12,3), ratio float8);
         insert into shapes values ('abc', 'first', 'n', '2024-01-02 03:04:05.123456', 1.5, 5), ('xyz', null, null, null, null, 2.5)`,
      );
      expect(description.Status).toBe('FINISHED');
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('reports the declared length, schema, table and NOT NULL of table columns in ColumnMetadata', async () => {
      const { Id } = await execute(
        "select code, label, note, at, price, ratio, 'x'::varchar(7) as computed from shapes order by code",
      );
      const { ColumnMetadata } = await client.send(new GetStatementResultCommand({ Id }));
      const byName = Object.fromEntries((ColumnMetadata ?? []).map((column) => [column.name, column]));
      expect(byName.code).toMatchObject({
        typeName: 'bpchar',
        length: 3,
        precision: 3,
        nullable: 0,
        schemaName: 'public',
        tableName: 'shapes',
      });
      expect(byName.label).toMatchObject({
        typeName: 'varchar',
        length: 20,
        precision: 20,
        nullable: 1,
        schemaName: 'public',
        tableName: 'shapes',
      });
      expect(byName.note).toMatchObject({
        typeName: 'varchar',
        precision: 256,
        schemaName: 'public',
        tableName: 'shapes',
      });
      expect(byName.at).toMatchObject({
        typeName: 'timestamp',
        precision: 29,
        scale: 6,
        tableName: 'shapes',
      });
      expect(byName.price).toMatchObject({
        typeName: 'numeric',
        precision: 12,
        scale: 3,
        tableName: 'shapes',
      });
      expect(byName.computed).toMatchObject({
        typeName: 'varchar',
        length: 7,
        schemaName: '',
        tableName: '',
      });
    });

    it('sends whole doubles as JSON floats, so boto3 hands the user a float', async () => {
      const { stdout } = await run(
        'python3',
        ['-c', boto3Script, 'select ratio, 7::int4 as n from shapes order by code'],
        {
          env: { ...process.env, ENDPOINT: fixture.redshift.endpoint },
        },
      );
      expect(JSON.parse(stdout)).toEqual([['float'], ['int']]);
    });

    it('sends NaN and infinities as the JSON protocols do, which the SDK reads back as numbers', async () => {
      const { Id } = await execute(
        "select 5::float8 as whole, 'NaN'::float8 as nan, '-Infinity'::float4 as low",
      );
      const { Records } = await client.send(new GetStatementResultCommand({ Id }));
      expect(Records?.[0]).toEqual([
        { doubleValue: 5 },
        { doubleValue: Number.NaN },
        { doubleValue: Number.NEGATIVE_INFINITY },
      ]);
    });

    it('reports DML row counts, and no result set and no row count for DDL and CREATE TABLE AS', async () => {
      const insert = await execute("insert into shapes values ('new', 'x', null, null, null, 1)");
      expect(insert.description).toMatchObject({
        Status: 'FINISHED',
        HasResultSet: false,
        ResultRows: 1,
        ResultSize: 0,
      });
      const ctas = await execute('create table shapes_copy as select * from shapes');
      expect(ctas.description).toMatchObject({ Status: 'FINISHED', HasResultSet: false, ResultRows: -1 });
      const missing = await rejection(client.send(new GetStatementResultCommand({ Id: ctas.Id })));
      expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(['ResourceNotFoundException', 400]);
      const select = await execute('select * from shapes_copy where false');
      expect(select.description).toMatchObject({ HasResultSet: true, ResultRows: 0 });
    });

    it('runs whitespace-only SQL as an empty statement that finishes', async () => {
      const { description } = await execute('  \n\t ');
      expect(description).toMatchObject({ Status: 'FINISHED', HasResultSet: false });
    });

    it('answers ResourceNotFoundException with HTTP 400, as the JSON protocol does', async () => {
      const missing = await rejection(
        client.send(new DescribeStatementCommand({ Id: '00000000-0000-4000-8000-000000000000' })),
      );
      expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(['ResourceNotFoundException', 400]);
    });

    it('runs the SQL in the database the client names: current_database(), three-part names, information_schema', async () => {
      const { Id } = await execute(
        `select current_database() as database,
                (select count(*) from "dev"."public"."shapes") as rows,
                (select table_catalog from information_schema.tables where table_name = 'shapes') as catalog`,
      );
      const { Records } = await client.send(new GetStatementResultCommand({ Id }));
      expect(Records?.[0]).toEqual([{ stringValue: 'dev' }, { longValue: 3 }, { stringValue: 'dev' }]);
      const other = await execute('select * from "elsewhere"."public"."shapes"');
      expect(other.description.Status).toBe('FAILED');
      expect(other.description.Error).toMatch(/elsewhere/);
      const { Id: wrongId } = await client.send(
        new ExecuteStatementCommand({ ...target, Database: 'elsewhere', Sql: 'select 1' }),
      );
      const wrong = await finished(client, wrongId!);
      expect([wrong.Status, wrong.Error]).toEqual(['FAILED', 'ERROR: database "elsewhere" does not exist']);
    });
  });
}
