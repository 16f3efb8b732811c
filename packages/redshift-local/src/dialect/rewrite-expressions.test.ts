import { describe, expect, it } from 'vitest';
import { NotEmulatedError } from './errors';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteExpressions', () => {
  it('rewrites the bare SYSDATE keyword but not a qualified or quoted name', () => {
    expect(translateRedshiftSql('select sysdate, t.sysdate, "sysdate" from t')).toBe(
      'select localtimestamp, t.sysdate, "sysdate" from t',
    );
  });

  it('rewrites NVL to COALESCE, also with more than two arguments and nested', () => {
    expect(translateRedshiftSql('select nvl(a, nvl(b, c), 0)')).toBe('select coalesce(a, coalesce(b, c), 0)');
  });

  it('rewrites NVL2 to CASE', () => {
    expect(translateRedshiftSql("select NVL2(a, 'x', 'y')")).toBe(
      "select (CASE WHEN (a) IS NOT NULL THEN 'x' ELSE 'y' END)",
    );
  });

  it('rewrites DECODE with pairs and a default to CASE with NULL-safe comparison', () => {
    expect(translateRedshiftSql("select decode(c, 1, 'one', 2, 'two', 'other')")).toBe(
      "select (CASE WHEN (c) IS NOT DISTINCT FROM (1) THEN 'one' WHEN (c) IS NOT DISTINCT FROM (2) THEN 'two' ELSE 'other' END)",
    );
    expect(translateRedshiftSql("select decode(c, 1, 'one')")).toBe(
      "select (CASE WHEN (c) IS NOT DISTINCT FROM (1) THEN 'one' END)",
    );
  });

  it("leaves PostgreSQL's two-argument decode(text, format) alone", () => {
    expect(translateRedshiftSql("select decode('aGk=', 'base64')")).toBe("select decode('aGk=', 'base64')");
  });

  it('rewrites LISTAGG … WITHIN GROUP to string_agg with ORDER BY', () => {
    expect(translateRedshiftSql("select listagg(name, ', ') within group (order by name desc) from t")).toBe(
      "select string_agg((name)::text, ', ' order by name desc) from t",
    );
    expect(translateRedshiftSql('select listagg(distinct id) from t')).toBe(
      "select string_agg(DISTINCT (id)::text, '') from t",
    );
  });

  it('quotes bare date parts of DATEADD, DATEDIFF and DATE_PART', () => {
    expect(
      translateRedshiftSql(
        "select dateadd(day, 1, d), datediff(MONTH, a, b), date_part(dow, d), dateadd('hour', 1, d)",
      ),
    ).toBe(
      "select dateadd('day', 1, d), datediff('month', a, b), date_part('dow', d), dateadd('hour', 1, d)",
    );
  });

  it('rewrites MEDIAN, APPROXIMATE COUNT and two-argument CONVERT', () => {
    expect(
      translateRedshiftSql(
        'select median(x), approximate count(distinct y), convert(super, z), convert(varchar(max), w) from t',
      ),
    ).toBe(
      'select percentile_cont(0.5) WITHIN GROUP (ORDER BY x), count(distinct y), CAST(z AS jsonb), CAST(w AS varchar(65535)) from t',
    );
    expect(translateRedshiftSql("select convert('x'::bytea, 'UTF8', 'LATIN1')")).toBe(
      "select convert('x'::bytea, 'UTF8', 'LATIN1')",
    );
  });

  it('maps Redshift date part names PostgreSQL lacks', () => {
    expect(
      translateRedshiftSql(
        "select date_part(dw, d), date_trunc('QTRS', d), extract(dayofyear from d), extract(year from d)",
      ),
    ).toBe("select date_part('dow', d), date_trunc('quarter', d), extract(doy from d), extract(year from d)");
  });

  it('keeps a quoted date part a valid literal', () => {
    expect(translateRedshiftSql("select date_part('it''s', d)")).toBe("select date_part('it''s', d)");
  });

  it('rewrites inside nested calls and keeps other calls as written', () => {
    expect(translateRedshiftSql('select round( avg(nvl(x, 0)) , 2 ), count( * )')).toBe(
      'select round( avg(coalesce(x, 0)) , 2 ), count( * )',
    );
  });

  it('maps VARCHAR(MAX) and Redshift types after ::', () => {
    expect(
      translateRedshiftSql(
        "select cast(a as varchar(max)), b::super, c::varbyte(8), d::character varying(MAX), 'x'::nvarchar(max)",
      ),
    ).toBe(
      "select cast(a as varchar(65535)), b::jsonb, c::bytea, d::character varying(65535), 'x'::varchar(65535)",
    );
  });

  it('maps NVARCHAR, NCHAR and NUMERIC without precision in casts', () => {
    expect(
      translateRedshiftSql(
        "select 'a'::nvarchar(3), 'b'::nchar, x::numeric, cast(y as decimal), z::numeric(5,2)",
      ),
    ).toBe("select 'a'::varchar(3), 'b'::char, x::numeric(18,0), cast(y as decimal(18,0)), z::numeric(5,2)");
  });

  it('maps the type of CAST(x AS type) but not an AS alias elsewhere', () => {
    expect(translateRedshiftSql('select cast(a as super), b as super from t')).toBe(
      'select cast(a as jsonb), b as super from t',
    );
  });

  it('throws NotEmulatedError for GEOMETRY casts', () => {
    expect(() => translateRedshiftSql('select g::geometry from t')).toThrow(NotEmulatedError);
    expect(() => translateRedshiftSql('select g::geometry from t')).toThrow(
      'type GEOMETRY is not emulated locally',
    );
  });

  it('does not touch words inside strings, comments or quoted identifiers', () => {
    const sql = `select 'nvl(a, b) sysdate' /* decode(a,1,2) */, "nvl" -- listagg(x)\n from t`;
    expect(translateRedshiftSql(sql)).toBe(sql);
  });
});
