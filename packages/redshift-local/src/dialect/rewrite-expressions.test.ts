import { describe, expect, it } from 'vitest';
import { NotEmulatedError, RedshiftSyntaxError } from './errors';
import { maxExpressionDepth, maxTranslationLength, rewriteExpressions } from './rewrite-expressions';
import { type Token, tokenize } from './tokenize';
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
      "select dateadd('day', 1, d), datediff('month', a, b), pgdate_part('dow', d), dateadd('hour', 1, d)",
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
    ).toBe(
      "select pgdate_part('dow', d), date_trunc('quarter', d), shiftflow_compat.date_part('doy', d, 'extract'), shiftflow_compat.date_part('year', d, 'extract')",
    );
  });

  it('keeps a quoted date part a valid literal', () => {
    expect(translateRedshiftSql("select date_part('it''s', d)")).toBe("select pgdate_part('it''s', d)");
  });

  it('rewrites inside nested calls and keeps other calls as written', () => {
    expect(translateRedshiftSql('select round( max(nvl(x, 0)) , 2 ), count( * )')).toBe(
      'select round( max(coalesce(x, 0)) , 2 ), count( * )',
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

  // Property seed 164629322 (dialect idempotence): `::varbyte(8)$$ select 1 $$` became `::bytea$$ select 1 $$`,
  // which reads as the word `bytea$$`, so translating it again changed it.
  it('keeps a token after a dropped VARBYTE length apart from bytea', () => {
    const once = translateRedshiftSql('select x::varbyte(8)$$ select 1 $$');
    expect(once).toBe('select x::bytea $$ select 1 $$');
    expect(translateRedshiftSql(once)).toBe(once);
    expect(translateRedshiftSql('select x::varbyte(8)as y')).toBe('select x::bytea as y');
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

/** Tokens of `sql` whose `type` reads are counted: every scan of the token list reads it. */
function countingTokens(sql: string): { tokens: Token[]; reads: () => number } {
  let reads = 0;
  const tokens = tokenize(sql).map((token) => {
    const counted = { ...token };
    Object.defineProperty(counted, 'type', {
      get: () => {
        reads++;
        return token.type;
      },
    });
    return counted;
  });
  return { tokens, reads: () => reads };
}

/** Token reads per token of rewriting `make(depth)`, at `depth` and twice that depth. */
function readsPerToken(make: (depth: number) => string, depth: number): [number, number] {
  return [depth, depth * 2].map((level) => {
    const sql = make(level);
    const { tokens, reads } = countingTokens(sql);
    rewriteExpressions(tokens, sql);
    return reads() / tokens.length;
  }) as [number, number];
}

describe('rewriteExpressions on deep and large input (B4)', () => {
  const nestedCalls = (depth: number, name = 'f') =>
    `select ${`${name}(`.repeat(depth)}1${', 2)'.repeat(depth)}`;

  it(`translates calls nested ${maxExpressionDepth} deep and refuses one more level with a RedshiftSyntaxError`, () => {
    const deepest = nestedCalls(maxExpressionDepth);
    expect(translateRedshiftSql(deepest)).toBe(deepest);
    const tooDeep = nestedCalls(maxExpressionDepth + 1);
    let error: unknown;
    try {
      translateRedshiftSql(tooDeep);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RedshiftSyntaxError);
    expect((error as RedshiftSyntaxError).code).toBe('REDSHIFT_SYNTAX');
    expect((error as RedshiftSyntaxError).message).toContain(
      `expression nested deeper than ${maxExpressionDepth} levels`,
    );
    // The `(` of the first call beyond the limit.
    expect((error as RedshiftSyntaxError).position).toBe('select '.length + 2 * maxExpressionDepth + 1);
  });

  it('refuses 4,000 and 8,000 nested calls (24 KB, 48 KB) with a RedshiftSyntaxError, not a RangeError', () => {
    for (const depth of [4000, 8000]) {
      for (const name of ['f', 'nvl', 'listagg', 'convert']) {
        expect(() => translateRedshiftSql(nestedCalls(depth, name))).toThrow(RedshiftSyntaxError);
      }
    }
  });

  it('scans each token a bounded number of times: token reads per token stay flat when the nesting doubles', () => {
    const openers = [
      'f(',
      'nvl(x, ',
      'decode(',
      'convert(',
      'listagg(distinct ',
      'extract(dw from ',
      'varchar(',
    ];
    for (const opener of openers) {
      const make = (depth: number) => `select ${opener.repeat(depth)}1${', 2)'.repeat(depth)}`;
      const [atDepth, atDoubleDepth] = readsPerToken(make, 200);
      expect(atDepth, opener).toBeLessThan(20);
      expect(atDoubleDepth / atDepth, opener).toBeLessThan(1.2);
    }
  });

  it('rewrites a nested CONVERT and LISTAGG(DISTINCT …) once per level (their first argument used to be rewritten twice)', () => {
    const depth = 40;
    const converts = translateRedshiftSql(
      `select ${'convert(varchar(max), '.repeat(depth)}x${')'.repeat(depth)}`,
    );
    expect(converts).toBe(`select ${'CAST('.repeat(depth)}x${' AS varchar(65535))'.repeat(depth)}`);
    const listaggs = translateRedshiftSql(`select ${'listagg(distinct '.repeat(depth)}x${')'.repeat(depth)}`);
    expect(listaggs).toBe(`select ${'string_agg(DISTINCT ('.repeat(depth)}x${")::text, '')".repeat(depth)}`);
  });

  it('translates 20,000 nested parentheses (not calls) unchanged', () => {
    const sql = `select ${'('.repeat(20_000)}1${')'.repeat(20_000)}`;
    expect(translateRedshiftSql(sql)).toBe(sql);
  });

  it('translates 100 KB of a+a+… unchanged and 100 KB of NVL calls into as many COALESCE calls', () => {
    const sum = `select ${'a+'.repeat(50_000)}a`;
    expect(sum.length).toBeGreaterThan(100_000);
    expect(translateRedshiftSql(sum)).toBe(sum);
    const calls = `select ${'nvl(a, b), '.repeat(10_000)}1`;
    expect(calls.length).toBeGreaterThan(100_000);
    expect(translateRedshiftSql(calls)).toBe(`select ${'coalesce(a, b), '.repeat(10_000)}1`);
  });

  it('refuses nested DECODEs whose CASE translation would exceed the length limit with a NotEmulatedError', () => {
    const nestedDecode = (depth: number) =>
      `select ${'decode('.repeat(depth)}x${', 1, 2, 3, 4)'.repeat(depth)}`;
    // Each level repeats the one below twice: 2^8 copies of x are fine, 2^30 are not.
    const eight = translateRedshiftSql(nestedDecode(8));
    expect(eight.split('(x)').length - 1).toBe(2 ** 8);
    let error: unknown;
    try {
      translateRedshiftSql(nestedDecode(30));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NotEmulatedError);
    expect(String(error)).toContain(`exceeds ${maxTranslationLength} characters`);
  });

  it('keeps LISTAGG … WITHIN GROUP inside a call argument to that argument', () => {
    expect(translateRedshiftSql('select f(listagg(a) within group (order by a), b)')).toBe(
      "select f(string_agg((a)::text, '' order by a), b)",
    );
    expect(translateRedshiftSql('select f(listagg(a)) within group (order by a)')).toBe(
      "select f(string_agg((a)::text, '')) within group (order by a)",
    );
  });
});
