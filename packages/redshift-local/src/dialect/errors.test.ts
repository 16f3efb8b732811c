import { describe, expect, it } from 'vitest';
import { RedshiftLocalError } from '../errors';
import { DialectError, NotEmulatedError, RedshiftSyntaxError } from './errors';

describe('DialectError', () => {
  it('is a RedshiftLocalError, so one instanceof catches every error of the package', () => {
    const notEmulated = new NotEmulatedError('UNLOAD', "unload ('select 1') to 's3://b/x'");
    const syntax = new RedshiftSyntaxError('unterminated quoted string', "select 'x", 7);

    for (const error of [notEmulated, syntax]) {
      expect(error).toBeInstanceOf(DialectError);
      expect(error).toBeInstanceOf(RedshiftLocalError);
    }
    expect([notEmulated.code, syntax.code]).toEqual(['NOT_EMULATED', 'REDSHIFT_SYNTAX']);
    expect([notEmulated.name, syntax.name]).toEqual(['NotEmulatedError', 'RedshiftSyntaxError']);
  });

  it('takes (code, message, options) and keeps the SQL and the cause', () => {
    const cause = new Error('tokenizer stopped');
    const error = new DialectError('REDSHIFT_SYNTAX', 'bad SQL', { sql: 'select (', cause });

    expect(error.code).toBe('REDSHIFT_SYNTAX');
    expect(error.message).toBe('bad SQL');
    expect(error.sql).toBe('select (');
    expect(error.cause).toBe(cause);
  });

  it('keeps the SQL of a subclass and its own fields', () => {
    const error = new RedshiftSyntaxError('unbalanced parenthesis', 'select (1', 7);

    expect(error.sql).toBe('select (1');
    expect(error.position).toBe(7);
    expect(error.message).toContain('unbalanced parenthesis at position 7');
  });
});
