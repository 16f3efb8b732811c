import { describe, expect, it } from 'vitest';
import { NotEmulatedError, RedshiftSyntaxError } from './dialect/errors';
import { isTrivia, tokenize } from './dialect/tokenize';
import { readUnloadOptions } from './read-unload-options';
import { UnloadTokenCursor } from './unload-token-cursor';

function optionsOf(sql: string) {
  return readUnloadOptions(
    new UnloadTokenCursor(
      sql,
      tokenize(sql).filter((token) => !isTrivia(token)),
      0,
    ),
  );
}

describe('readUnloadOptions', () => {
  it('gives Redshift defaults when there are no options: pipe-delimited text, PARALLEL ON', () => {
    expect(optionsOf('')).toEqual({
      csv: false,
      delimiter: '|',
      header: false,
      nullAs: '',
      gzip: false,
      addQuotes: false,
      escape: false,
      manifest: false,
      allowOverwrite: false,
      parallel: true,
    });
  });

  it('defaults the CSV delimiter to a comma and drops ignored authorization options', () => {
    expect(optionsOf("iam_role default credentials 'x' region as 'us-east-1' format as csv")).toMatchObject({
      csv: true,
      delimiter: ',',
    });
  });

  it('reads PARALLEL OFF, NULL AS, an EXTENSION without its dot and MAXFILESIZE', () => {
    expect(optionsOf("parallel off null as 'NA' extension '.csv' maxfilesize 5 gb")).toMatchObject({
      parallel: false,
      nullAs: 'NA',
      extension: 'csv',
    });
  });

  it('refuses options that are not emulated by name', () => {
    expect(() => optionsOf('manifest verbose')).toThrow(NotEmulatedError);
    expect(() => optionsOf('format as parquet')).toThrow('UNLOAD … FORMAT PARQUET');
    expect(() => optionsOf('zstd')).toThrow('UNLOAD … ZSTD');
  });

  it('refuses unknown and malformed options', () => {
    expect(() => optionsOf('bogus')).toThrow('unknown UNLOAD option bogus');
    expect(() => optionsOf("delimiter '||'")).toThrow(RedshiftSyntaxError);
    expect(() => optionsOf('csv addquotes')).toThrow('UNLOAD CSV cannot be used with ADDQUOTES or ESCAPE');
  });
});
