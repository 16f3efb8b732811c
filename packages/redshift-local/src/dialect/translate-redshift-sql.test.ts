import { describe, expect, it } from 'vitest';
import { NotEmulatedError } from './errors';
import { maxBodyDepth, translateRedshiftSql } from './translate-redshift-sql';

describe('translateRedshiftSql', () => {
  it('keeps SQL that needs no rewrite byte for byte, comments and whitespace included', () => {
    const sql =
      "-- refresh\nREFRESH MATERIALIZED VIEW v;\n\nCALL run_elt_process();  /* done */ select 'a;b'";
    expect(translateRedshiftSql(sql)).toBe(sql);
  });

  it('translates each statement of a script', () => {
    expect(translateRedshiftSql('create table t (a int); select nvl(a, 1) from t;')).toBe(
      'create table t (a int); select coalesce(a, 1) from t;',
    );
    // A table with physical attributes is created in a DO block that records them (record-table-attributes.ts).
    expect(translateRedshiftSql('create table t (a int) diststyle even; select nvl(a, 1) from t;')).toMatch(
      /^DO \$shiftflow_table\$ BEGIN EXECUTE 'create table t \(a int\)'; INSERT INTO shiftflow_compat\.table_attributes [^;]*'EVEN'[^;]*; END \$shiftflow_table\$; select coalesce\(a, 1\) from t;$/,
    );
  });

  it('rewrites a COPY inside a procedure body, after BEGIN, THEN, ELSE and LOOP', () => {
    const sql = `create or replace procedure p() as $$
begin
  truncate t;
  copy t from 's3://b/a' iam_role default;
  if x then copy t from 's3://b/b' delimiter ','; else copy t from 's3://b/c'; end if;
end;
$$ language plpgsql`;
    const translated = translateRedshiftSql(sql);
    expect(translated.match(/CALL shiftflow_compat\.copy_from_s3/g)).toHaveLength(3);
    expect(translated).toContain("'s3://b/a'");
    expect(translated).toContain('"delimiter":","');
    expect(translated).not.toMatch(/\bcopy t\b/i);
    // TRUNCATE commits in a body, as on Redshift (rewrite-truncate.ts).
    expect(
      translated.startsWith('create or replace procedure p() as $$\nbegin\n  truncate t; COMMIT;\n  CALL'),
    ).toBe(true);
  });

  it('rewrites expressions and CREATE TABLE inside bodies and keeps the body tag', () => {
    const translated = translateRedshiftSql(
      'create function f(a int) returns int stable as $fn$ select nvl(a, 0) $fn$ language sql; do $body$ begin create temp table x (a int) diststyle all; end $body$',
    );
    expect(translated).toMatch(
      /^create function f\(a int\) returns int stable as \$fn\$ select coalesce\(a, 0\) \$fn\$ language sql; do \$body\$ begin create temp table x \(a int\) ;\nINSERT INTO shiftflow_compat\.table_attributes [^;]*'ALL'[^;]*; end \$body\$$/,
    );
  });

  it('turns physical-layout ALTER TABLE statements into a check that the table exists', () => {
    for (const change of [
      'alter diststyle even',
      'alter distkey a',
      'alter compound sortkey (a, b)',
      'alter sortkey none',
      'alter column a encode zstd',
    ]) {
      expect(translateRedshiftSql(`alter table public."T" ${change}`)).toBe(
        `DO $shiftflow$ BEGIN PERFORM 'public."T"'::regclass; END $shiftflow$`,
      );
    }
    expect(translateRedshiftSql('alter table t add column b int')).toBe('alter table t add column b int');
  });

  it('translates a body in single quotes and quotes it again (as an E literal when it holds a backslash)', () => {
    const translated = translateRedshiftSql(
      "create procedure p() as ' begin copy t from ''s3://b/k''; perform nvl(1, 2); end ' language plpgsql; do 'begin perform sysdate; end'",
    );
    expect(
      translated.startsWith(
        "create procedure p() as E' begin CALL shiftflow_compat.copy_from_s3(''t'', NULL::text[], ''s3://b/k'', E''{",
      ),
    ).toBe(true);
    // The COPY options' NULL AS \N: JSON escapes it, the options' E literal doubles that, the body's E literal again.
    expect(translated).toContain('"nullAs":"\\\\\\\\\\\\\\\\N"');
    expect(
      translated.endsWith(
        "}''::jsonb); perform coalesce(1, 2); end ' language plpgsql; do 'begin perform localtimestamp; end'",
      ),
    ).toBe(true);
  });

  it('turns SELECT TOP n into LIMIT n', () => {
    expect(
      translateRedshiftSql('select top 10 a from t order by a;\nSELECT DISTINCT TOP 3 b FROM t -- last\n'),
    ).toBe('select a from t order by a LIMIT 10;\nSELECT DISTINCT b FROM t LIMIT 3 -- last\n');
  });

  it('creates late-binding views WITH NO SCHEMA BINDING and records them for PG_GET_LATE_BINDING_VIEW_COLS', () => {
    const translated = translateRedshiftSql(
      'create or replace view v as select nvl(a, 1) as a from s.t with no schema binding',
    );
    expect(translated).toContain(
      "EXECUTE 'create or replace view v as select coalesce(a, 1) as a from s.t';",
    );
    expect(translated).toContain(
      "INSERT INTO shiftflow_compat.late_binding_views VALUES ('v'::regclass::oid)",
    );
    expect(translated).toContain(
      'WITH NO SCHEMA BINDING over a table that does not exist yet is not emulated',
    );
  });

  it('keeps Redshift-only session settings in the shiftflow namespace', () => {
    expect(
      translateRedshiftSql(
        "set query_group to 'etl'; SET SESSION wlm_query_slot_count = 3; reset query_group",
      ),
    ).toBe(
      "set shiftflow.query_group to 'etl'; SET SESSION shiftflow.wlm_query_slot_count = 3; reset shiftflow.query_group",
    );
    expect(translateRedshiftSql('set search_path to public')).toBe(
      'set search_path to public, shiftflow_compat, pg_catalog',
    );
  });

  it.each([
    ["unload ('select 1') to 's3://b/x' iam_role default", 'UNLOAD'],
    ["create external schema s from data catalog database 'd' iam_role default", 'CREATE EXTERNAL SCHEMA'],
    ["create external table s.t (a int) stored as parquet location 's3://b/'", 'CREATE EXTERNAL TABLE'],
    ["create library l language plpythonu from 's3://b/l.zip'", 'CREATE LIBRARY'],
    [
      'create or replace function f(a int) returns int stable as $$ return a $$ language plpythonu',
      'CREATE FUNCTION … LANGUAGE plpythonu',
    ],
    ['create model m from t target x', 'CREATE MODEL'],
    ['alter table a append from b', 'ALTER TABLE APPEND'],
    ["create procedure p() as $$ begin unload ('select 1') to 's3://b/x'; end $$ language plpgsql", 'UNLOAD'],
  ])('throws NotEmulatedError for %s', (sql, construct) => {
    let error: unknown;
    try {
      translateRedshiftSql(sql);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NotEmulatedError);
    expect((error as NotEmulatedError).construct).toBe(construct);
    expect((error as NotEmulatedError).code).toBe('NOT_EMULATED');
    expect((error as NotEmulatedError).message).toBe(
      `${construct} is not emulated locally (shiftflow local Redshift)`,
    );
  });
});

describe('translateRedshiftSql on deeply nested bodies (B4)', () => {
  /** `depth` procedures, each defined in the body of the one around it; the innermost body holds a COPY. */
  const nestedBodies = (depth: number): string => {
    let body = "copy t from 's3://b/k' iam_role default csv";
    for (let level = depth; level >= 1; level--) {
      body = `create procedure table() as $b${level}$ begin ${body}; end $b${level}$ language plpgsql`;
    }
    return body;
  };

  it(`translates bodies nested ${maxBodyDepth} deep, down to the innermost COPY`, () => {
    const translated = translateRedshiftSql(nestedBodies(maxBodyDepth));
    expect(translated.match(/\$b[0-9]+\$/g)).toHaveLength(2 * maxBodyDepth);
    expect(translated).toContain(
      `$b${maxBodyDepth}$ begin CALL shiftflow_compat.copy_from_s3('t', NULL::text[]`,
    );
    expect(translated).not.toContain('copy t from');
  });

  it('refuses one more level, and 2,000 levels (140 KB), with a NotEmulatedError, not a RangeError', () => {
    for (const depth of [maxBodyDepth + 1, 2000]) {
      let error: unknown;
      try {
        translateRedshiftSql(nestedBodies(depth));
      } catch (caught) {
        error = caught;
      }
      expect(error, String(depth)).toBeInstanceOf(NotEmulatedError);
      expect((error as NotEmulatedError).code).toBe('NOT_EMULATED');
      expect((error as NotEmulatedError).construct).toBe(
        `procedure, function or DO bodies nested more than ${maxBodyDepth} levels deep`,
      );
    }
  });

  it('counts a DO block as a level of body nesting', () => {
    const doAround = (procedures: number): string => {
      let sql = 'select nvl(a, b)';
      for (let level = procedures; level >= 1; level--) {
        sql = `create procedure table() as $p${level}$ begin ${sql}; end $p${level}$ language plpgsql`;
      }
      return `do $do$ begin ${sql}; end $do$`;
    };
    expect(translateRedshiftSql(doAround(maxBodyDepth - 1))).toContain('select coalesce(a, b);');
    expect(() => translateRedshiftSql(doAround(maxBodyDepth))).toThrow(NotEmulatedError);
  });
});
