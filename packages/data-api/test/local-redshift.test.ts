import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNullableString, isNumber, rowSchema } from '../src/__fixtures__/row-schema';
import {
  DecodingError,
  RowValidationError,
  StatementAbortedError,
  StatementTimeoutError,
  WaitAbortedError,
} from '../src/errors';
import type { RedshiftDataApi } from '../src/redshift-data-api';
import { sql } from '../src/sql';
import { type LocalRedshiftClient, startRedshiftLocal } from './support/start-redshift-local';

// The real AWS SDK client against @shiftflow/redshift-local (Redshift SQL on PGlite behind the Data API
// wire protocol): what the sql tag, schemas, int8 decoding and cleaning-up waits do with a real endpoint.

let local: LocalRedshiftClient;
let data: RedshiftDataApi;

beforeAll(async () => {
  local = await startRedshiftLocal();
  data = local.data;
  await data.query('create table notes (id int4, note varchar(20), vendor varchar(20))');
});

afterAll(async () => {
  await local?.close();
});

/** Resolves once the statement has ended, with its final status. */
async function finalStatus(id: string): Promise<string | undefined> {
  return data.wait(id, { cancelOnAbort: false, cancelOnTimeout: false }).then(
    (description) => description.status,
    (error: unknown) => {
      if (error instanceof StatementAbortedError) return 'ABORTED';
      throw error;
    },
  );
}

describe('the sql tag against a local Redshift', () => {
  it("inserts null, undefined and '' with the same statement as any other value", async () => {
    const rows: [number, string | null | undefined][] = [
      [1, null],
      [2, ''],
      [3, 'x'],
      [4, undefined],
    ];
    for (const [id, note] of rows) {
      await data.query(sql`insert into notes (id, note, vendor) values (${id}, ${note}, ${'acme'})`);
    }
    const stored = await data.query(
      sql`select id, note, note is null as missing from notes where id <= ${4} order by id`,
    );
    expect(stored).toEqual([
      { id: 1, note: null, missing: true },
      { id: 2, note: '', missing: false },
      { id: 3, note: 'x', missing: false },
      { id: 4, note: null, missing: true },
    ]);
  });

  it('selects with an IN-list from an array', async () => {
    await data.query(
      sql`insert into notes (id, note) values (${10}, ${'a'}), (${11}, ${'b'}), (${12}, ${'c'})`,
    );
    const rows = await data.query(sql`select id from notes where id in ${[10, 12, 99]} order by id`);
    expect(rows).toEqual([{ id: 10 }, { id: 12 }]);
  });

  it('runs nested fragments, sql.join and a quoted identifier with renumbered parameters', async () => {
    const conditions = [sql`id >= ${10}`, sql`note <> ${'b'}`];
    const rows = await data.query(
      sql`select id from ${sql.identifier('public', 'notes')} where ${sql.join(conditions, sql` and `)} and id < ${20} order by id`,
    );
    expect(rows).toEqual([{ id: 10 }, { id: 12 }]);
  });

  it('keeps a hostile value a value', async () => {
    const hostile = "x'); drop table notes; --";
    await data.query(sql`insert into notes (id, note) values (${30}, ${hostile.slice(0, 20)})`);
    const [row] = await data.query(sql`select count(*) as n from notes where note = ${hostile.slice(0, 20)}`);
    expect(row).toEqual({ n: 1 });
  });
});

describe('rows and int8 against a local Redshift', () => {
  it('types rows by a schema, and the result of count(*) JSON.stringifies', async () => {
    const schema = rowSchema<{ trips: number; vendor: string | null }>({
      trips: isNumber,
      vendor: isNullableString,
    });
    const rows = await data.query(
      'select count(*) as trips, vendor from notes group by vendor order by vendor',
      {
        schema,
      },
    );
    expect(JSON.parse(JSON.stringify(rows))).toEqual([
      { trips: 4, vendor: 'acme' },
      { trips: 4, vendor: null },
    ]);
  });

  it('throws RowValidationError when a row does not match the schema', async () => {
    const schema = rowSchema<{ trips: string }>({
      trips: { expected: 'string', check: (value): value is string => typeof value === 'string' },
    });
    await expect(data.query('select count(*) as trips from notes', { schema })).rejects.toBeInstanceOf(
      RowValidationError,
    );
  });

  it('throws DecodingError for an int8 beyond 2^53 by default, and reads it exactly as a bigint through CSV', async () => {
    const statement = 'select 9007199254740993::int8 as big';
    await expect(data.query(statement)).rejects.toBeInstanceOf(DecodingError);
    const rows = await data.query(statement, { resultFormat: 'CSV', decoding: { int8: 'bigint' } });
    expect(rows).toEqual([{ big: 9007199254740993n }]);
  });
});

describe('waits that clean up against a local Redshift', () => {
  it('cancels the statement when query times out, so nothing is left running', async () => {
    const error = await data
      .query('select pg_sleep(60)', { timeoutMs: 200, longPollSeconds: 0 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StatementTimeoutError);
    expect(error).toMatchObject({ cancelled: true });
    expect(await finalStatus((error as StatementTimeoutError).statementId)).toBe('ABORTED');
  });

  it('cancels the statement when the signal aborts', async () => {
    const controller = new AbortController();
    const running = data.query('select pg_sleep(60)', { signal: controller.signal, longPollSeconds: 0 });
    controller.abort(new Error('user stopped it'));
    const error = await running.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitAbortedError);
    expect(error).toMatchObject({ cancelled: true });
    expect(await finalStatus((error as WaitAbortedError).statementId)).toBe('ABORTED');
  });

  it('collect() waits for a statement that is still running instead of failing', async () => {
    const { id } = await data.execute('select 7 as n from (select pg_sleep(1)) as slept');
    expect(await data.collect(id, { longPollSeconds: 0 })).toEqual([{ n: 7 }]);
  });

  it('collect() answers the same for a statement without a result set, ended or still running', async () => {
    const ended = await data.execute(sql`insert into notes (id) values (${40})`);
    await data.wait(ended.id);
    const running = await data.execute('insert into notes (id) select 41 from (select pg_sleep(1)) as slept');
    for (const id of [running.id, ended.id]) {
      await expect(data.collect(id, { longPollSeconds: 0 })).rejects.toMatchObject({
        code: 'SERVICE_ERROR',
        serviceCode: 'ResourceNotFoundException',
      });
    }
  });
});
