import { describe, expect, it } from 'vitest';
import { isTruncateStatement } from './rewrite-truncate';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('isTruncateStatement', () => {
  it.each([
    ['truncate staging', true],
    ['  TRUNCATE TABLE staging ; ', true],
    ['-- empty it\ntruncate staging', true],
    ['truncate a; select 1', false],
    ['select 1', false],
    ["select 'truncate'", false],
    ["truncate 'unterminated", false],
  ])('%j → %s', (sql, expected) => {
    expect(isTruncateStatement(sql)).toBe(expected);
  });
});

describe('TRUNCATE in a procedure body', () => {
  it('is followed by a COMMIT, as Redshift commits at it, also after THEN and in DO bodies', () => {
    const procedure = translateRedshiftSql(
      'create procedure p() as $$ begin truncate staging; if true then truncate other; end if; end $$ language plpgsql',
    );
    expect(procedure).toContain('truncate staging; COMMIT;');
    expect(procedure).toContain('truncate other; COMMIT;');
    expect(translateRedshiftSql('do $$ begin truncate staging; end $$')).toContain(
      'truncate staging; COMMIT;',
    );
  });

  it('is idempotent: a translated body translated again gets no second COMMIT', () => {
    const once = translateRedshiftSql(
      'create procedure p() as $$ begin truncate staging; end $$ language plpgsql',
    );
    expect(translateRedshiftSql(once)).toBe(once);
  });

  it('leaves it transactional in a body with an EXCEPTION section (PostgreSQL cannot commit in a subtransaction)', () => {
    const procedure = translateRedshiftSql(
      'create procedure p() as $$ begin truncate staging; exception when others then raise; end $$ language plpgsql',
    );
    expect(procedure).not.toContain('COMMIT');
  });

  it('leaves a top-level TRUNCATE alone (the engine commits after it)', () => {
    expect(translateRedshiftSql('truncate staging')).toBe('truncate staging');
  });
});
