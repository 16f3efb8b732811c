import { describe, expect, it } from 'vitest';
import { NotEmulatedError, RedshiftSyntaxError } from './dialect/errors';
import { parseUnloadStatement } from './unload-statement';

describe('parseUnloadStatement', () => {
  it('reads the query, the location and the defaults (pipe-delimited text, PARALLEL ON)', () => {
    const unload = parseUnloadStatement(
      "unload ('select * from venue where venuename = \\'x\\'') to 's3://my-bucket/unload/venue_' iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole';",
    );
    expect(unload).toMatchObject({
      select: "select * from venue where venuename = 'x'",
      bucket: 'my-bucket',
      prefix: 'unload/venue_',
      csv: false,
      delimiter: '|',
      header: false,
      nullAs: '',
      gzip: false,
      manifest: false,
      allowOverwrite: false,
      parallel: true,
    });
  });

  it('reads the common options', () => {
    const unload = parseUnloadStatement(
      "UNLOAD ('select 1') TO 's3://b-1/p/' IAM_ROLE default FORMAT AS CSV DELIMITER AS ';' HEADER NULL AS 'NA' GZIP MANIFEST ALLOWOVERWRITE PARALLEL OFF MAXFILESIZE 100 MB REGION AS 'us-east-1' EXTENSION 'csv'",
    );
    expect(unload).toMatchObject({
      csv: true,
      delimiter: ';',
      header: true,
      nullAs: 'NA',
      gzip: true,
      manifest: true,
      allowOverwrite: true,
      parallel: false,
      extension: 'csv',
    });
    expect(parseUnloadStatement("unload ('select 1') to 's3://b-1/p' credentials 'x' csv")?.delimiter).toBe(
      ',',
    );
  });

  it('leaves other statements and multi-statement SQL to the dialect', () => {
    expect(parseUnloadStatement('select 1')).toBeUndefined();
    expect(
      parseUnloadStatement("unload ('select 1') to 's3://b-1/p' iam_role default; select 1"),
    ).toBeUndefined();
  });

  it.each([
    ["unload ('select 1') to 's3://b-1/p' iam_role default parquet", 'UNLOAD … PARQUET'],
    ["unload ('select 1') to 's3://b-1/p' iam_role default format as json", 'UNLOAD … FORMAT JSON'],
    ["unload ('select 1') to 's3://b-1/p' iam_role default manifest verbose", 'UNLOAD … MANIFEST VERBOSE'],
    ["unload ('select 1') to 's3://b-1/p' iam_role default partition by (a)", 'UNLOAD … PARTITION BY'],
    ["unload ('select 1') to 's3://b-1/p' iam_role default zstd", 'UNLOAD … ZSTD'],
  ])('refuses %s by name', (sql, construct) => {
    expect(() => parseUnloadStatement(sql)).toThrow(NotEmulatedError);
    try {
      parseUnloadStatement(sql);
    } catch (error) {
      expect((error as NotEmulatedError).construct).toBe(construct);
    }
  });

  it.each([
    "unload 'select 1' to 's3://b-1/p'",
    "unload ('select 1') to 'file:///tmp/x'",
    "unload ('select 1') to 's3://b-1/p' delimiter '||'",
    "unload ('select 1') to 's3://b-1/p' csv addquotes",
    "unload ('select 1') to 's3://b-1/p' shiny",
  ])('refuses the malformed %s', (sql) => {
    expect(() => parseUnloadStatement(sql)).toThrow(RedshiftSyntaxError);
  });
});
