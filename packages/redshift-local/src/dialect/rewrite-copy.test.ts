import { describe, expect, it } from 'vitest';
import { NotEmulatedError, RedshiftSyntaxError } from './errors';
import type { CopyOptions } from './rewrite-copy';
import { translateRedshiftSql } from './translate-redshift-sql';

/** Translates a COPY and reads back the helper call's arguments. */
function copyCall(sql: string): {
  table: string;
  columns: string[] | null;
  uri: string;
  options: CopyOptions;
} {
  const translated = translateRedshiftSql(sql);
  const match =
    /^CALL shiftflow_compat\.copy_from_s3\('((?:[^']|'')*)', (NULL::text\[\]|ARRAY\[(.*)\]::text\[\]), '((?:[^']|'')*)', E?'((?:[^']|'')*)'::jsonb\)$/.exec(
      translated,
    );
  if (!match) throw new Error(`not a helper call: ${translated}`);
  const unquote = (value: string) => value.replaceAll("''", "'");
  return {
    table: unquote(match[1]!),
    columns:
      match[3] === undefined
        ? null
        : [...match[3].matchAll(/'((?:[^']|'')*)'/g)].map((column) => unquote(column[1]!)),
    uri: unquote(match[4]!),
    options: JSON.parse(unquote(match[5]!).replaceAll('\\\\', '\\')) as CopyOptions,
  };
}

const defaults: CopyOptions = {
  delimiter: '|',
  csv: false,
  quote: '"',
  ignoreHeader: 0,
  nullAs: '\\N',
  emptyAsNull: false,
  blanksAsNull: false,
  compression: null,
  maxError: 0,
  dateFormat: null,
  timeFormat: null,
  manifest: false,
  explicitIds: false,
  truncateColumns: false,
  region: null,
};

describe('rewriteCopy', () => {
  it("rewrites the seed's COPY into a helper call, accepting IAM_ROLE and REGION", () => {
    const call = copyCall(
      `COPY nyc_yellow_taxi FROM 's3://event-driven-app/raw/' IAM_ROLE 'arn:aws:iam::1:role/r' region 'us-west-1' delimiter '|'`,
    );
    expect(call).toEqual({
      table: 'nyc_yellow_taxi',
      columns: null,
      uri: 's3://event-driven-app/raw/',
      options: { ...defaults, region: 'us-west-1' },
    });
  });

  it('keeps a qualified, quoted table name and a column list', () => {
    const call = copyCall(`copy "Sales".public."My ""T""" (a, "B c") from 's3://b/k'`);
    expect(call.table).toBe('"Sales".public."My ""T"""');
    expect(call.columns).toEqual(['a', 'B c']);
  });

  it.each<[string, Partial<CopyOptions>]>([
    [`csv`, { csv: true, delimiter: ',' }],
    [`csv quote as '%'`, { csv: true, delimiter: ',', quote: '%' }],
    [`format as csv delimiter ';'`, { csv: true, delimiter: ';' }],
    [`format csv quote '''' delimiter '|'`, { csv: true, delimiter: '|', quote: "'" }],
    [`delimiter as '\\t'`, { delimiter: '\t' }],
    [`delimiter '\\001'`, { delimiter: '\u0001' }],
    [`ignoreheader as 3`, { ignoreHeader: 3 }],
    [`ignoreheader 1`, { ignoreHeader: 1 }],
    [`null as 'NA'`, { nullAs: 'NA' }],
    [`null ''`, { nullAs: '' }],
    [`emptyasnull blanksasnull`, { emptyAsNull: true, blanksAsNull: true }],
    [`gzip`, { compression: 'gzip' }],
    [`bzip2`, { compression: 'bzip2' }],
    [`zstd`, { compression: 'zstd' }],
    [`lzop`, { compression: 'lzop' }],
    [`maxerror 10`, { maxError: 10 }],
    [`maxerror as 100000`, { maxError: 100_000 }],
    [`dateformat as 'MM/DD/YYYY' timeformat 'auto'`, { dateFormat: 'MM/DD/YYYY', timeFormat: 'auto' }],
    [`timeformat as 'epochsecs'`, { timeFormat: 'epochsecs' }],
    [`manifest`, { manifest: true }],
    [`explicit_ids`, { explicitIds: true }],
    [`truncatecolumns`, { truncateColumns: true }],
    [`credentials 'aws_iam_role=arn:aws:iam::1:role/r'`, {}],
    [`with credentials as 'aws_access_key_id=a;aws_secret_access_key=b'`, {}],
    [`access_key_id 'a' secret_access_key 'b' session_token 'c'`, {}],
    [`iam_role default compupdate off statupdate on`, {}],
    [`encoding as utf8`, {}],
  ])('reads the option %s', (options, expected) => {
    expect(copyCall(`copy t from 's3://b/p' ${options}`).options).toEqual({ ...defaults, ...expected });
  });

  it.each([
    [`copy t from 's3://b/p' format as parquet`, 'COPY option FORMAT AS PARQUET'],
    [`copy t from 's3://b/p' json 'auto'`, 'COPY option FORMAT AS JSON'],
    [`copy t from 's3://b/p' format avro 'auto'`, 'COPY option FORMAT AS AVRO'],
    [`copy t from 's3://b/p' escape`, 'COPY option ESCAPE'],
    [`copy t from 's3://b/p' encoding utf16le`, 'COPY option ENCODING utf16le'],
    [
      `copy t from 'dynamodb://table' readratio 50`,
      "COPY FROM 'dynamodb://…' (only s3:// sources are emulated)",
    ],
    [`copy t from stdin`, 'COPY FROM stdin'],
    [`copy t to 's3://b/p'`, 'COPY … TO (use UNLOAD in Redshift)'],
  ])('throws NotEmulatedError for %s', (sql, construct) => {
    expect(() => translateRedshiftSql(sql)).toThrow(NotEmulatedError);
    expect(() => translateRedshiftSql(sql)).toThrow(`${construct} is not emulated locally`);
  });

  it.each([
    [`copy t from 's3://b/p' delimiter '||'`, 'COPY DELIMITER must be one character, got "||"'],
    [`copy t from 's3://b/p' ignoreheader 'x'`, 'IGNOREHEADER needs a whole number of lines'],
    [`copy t from 's3://b/p' region`, 'COPY option REGION needs a quoted value'],
    [`copy t from 's3://b/p' frobnicate`, 'unknown COPY option FROBNICATE'],
    [`copy t (a b) from 's3://b/p'`, 'COPY column list needs commas between column names'],
    [`copy t from 's3://b/p' csv quote ',' `, 'COPY DELIMITER and QUOTE must differ'],
    [`copy t from 's3://b/p' maxerror 100001`, 'MAXERROR needs a whole number from 0 to 100000'],
    [`copy t from 's3://b/p' maxerror -1`, 'MAXERROR needs a whole number from 0 to 100000'],
    [`copy t from 's3://b/p' gzip bzip2`, 'COPY options GZIP and BZIP2 exclude each other'],
  ])('throws RedshiftSyntaxError for %s', (sql, message) => {
    expect(() => translateRedshiftSql(sql)).toThrow(RedshiftSyntaxError);
    expect(() => translateRedshiftSql(sql)).toThrow(message);
  });
});
