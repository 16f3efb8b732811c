import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatibilitySql } from './compatibility-sql';
import { NotEmulatedError } from './errors';
import { rewriteProcedureOutArguments } from './rewrite-procedure-out-arguments';
import { tokenize } from './tokenize';
import { translateRedshiftSql } from './translate-redshift-sql';

const rewrite = (sql: string): string =>
  rewriteProcedureOutArguments(tokenize(sql), sql)
    .map((token) => token.text)
    .join('');

describe('rewriteProcedureOutArguments', () => {
  it('turns each OUT argument into a trailing INOUT … DEFAULT NULL, mode after or before the name', () => {
    expect(
      rewrite(
        'CREATE OR REPLACE PROCEDURE run_elt_process(rows_loaded OUT BIGINT, OUT started_at TIMESTAMP) AS $$ BEGIN END; $$ LANGUAGE plpgsql',
      ),
    ).toBe(
      'CREATE OR REPLACE PROCEDURE run_elt_process(rows_loaded INOUT BIGINT DEFAULT NULL, INOUT started_at TIMESTAMP DEFAULT NULL) AS $$ BEGIN END; $$ LANGUAGE plpgsql',
    );
  });

  it('keeps input arguments and procedures without OUT arguments as they are', () => {
    expect(rewrite('create procedure p(a int, b inout varchar(10), c out numeric(10, 2)) as $$ $$')).toBe(
      'create procedure p(a int, b inout varchar(10), c INOUT numeric(10, 2) DEFAULT NULL) as $$ $$',
    );
    const unchanged = 'create procedure p(a in int, b inout int) as $$ begin end; $$ language plpgsql';
    expect(rewrite(unchanged)).toBe(unchanged);
    expect(rewrite('create function f(out a int) returns int as $$ select 1 $$ language sql')).toBe(
      'create function f(out a int) returns int as $$ select 1 $$ language sql',
    );
  });

  it('refuses an OUT argument before an input argument (PostgreSQL could not leave it out of CALL)', () => {
    expect(() => rewrite('create procedure p(a out int, b int) as $$ begin end; $$')).toThrow(
      NotEmulatedError,
    );
  });
});

describe('a Redshift procedure with OUT arguments on PGlite', () => {
  let database: PGlite;

  beforeAll(async () => {
    database = await PGlite.create();
    await database.exec(compatibilitySql);
  });

  afterAll(async () => database?.close());

  it('is called with its input arguments only and returns its OUT arguments as one row', async () => {
    await database.exec(
      translateRedshiftSql(`
        CREATE OR REPLACE PROCEDURE count_to(upto IN INT, counted OUT BIGINT, label OUT VARCHAR(20))
        AS $$
        BEGIN
          SELECT COUNT(*) INTO counted FROM generate_series(1, upto);
          label := 'counted ' || counted;
        END;
        $$ LANGUAGE plpgsql;`),
    );
    const result = await database.query<{ counted: number; label: string }>(
      translateRedshiftSql('CALL count_to(3);'),
    );
    expect(result.rows).toEqual([{ counted: 3, label: 'counted 3' }]);
  });

  it('takes a CALL without arguments when every argument is OUT, and CREATE OR REPLACE replaces it', async () => {
    const create = (value: number) =>
      translateRedshiftSql(
        `CREATE OR REPLACE PROCEDURE answer(value OUT INT) AS $$ BEGIN value := ${value}; END; $$ LANGUAGE plpgsql`,
      );
    await database.exec(create(41));
    await database.exec(create(42));
    const result = await database.query<{ value: number }>(translateRedshiftSql('call answer()'));
    expect(result.rows).toEqual([{ value: 42 }]);
  });
});
