import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatibilitySql } from './compatibility-sql';
import { rewriteGetdateInBody } from './rewrite-getdate-in-body';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteGetdateInBody', () => {
  it('points GETDATE() calls at the per-statement clock, and nothing else', () => {
    expect(rewriteGetdateInBody("begin a := GETDATE(); b := getdate ( ); c := 'getdate()'; end")).toBe(
      "begin a := shiftflow_compat.getdate_in_body(); b := shiftflow_compat.getdate_in_body ( ); c := 'getdate()'; end",
    );
    const untouched = 'begin a := s.getdate(); b := getdate_x(); c := getdate; end';
    expect(rewriteGetdateInBody(untouched)).toBe(untouched);
  });

  it('rewrites bodies only: a top-level GETDATE() keeps the statement start', () => {
    expect(translateRedshiftSql('select getdate()')).not.toContain('getdate_in_body');
    const procedure = translateRedshiftSql(
      'create procedure p() as $$ begin perform getdate(); end; $$ language plpgsql',
    );
    expect(procedure).toContain('shiftflow_compat.getdate_in_body()');
    expect(translateRedshiftSql(procedure)).toBe(procedure);
  });

  describe('on PGlite', () => {
    let pg: PGlite;
    beforeAll(async () => {
      pg = await PGlite.create();
      await pg.exec(compatibilitySql);
    }, 120_000);
    afterAll(async () => pg?.close());

    // Found when run_elt_process reported started_at = ended_at for every run: the whole CALL shared
    // statement_timestamp(), where Redshift's GETDATE() gives each statement of the body its own start.
    it('gives a later statement of a procedure a later GETDATE(), to the second', async () => {
      await pg.exec(
        translateRedshiftSql(`
          create procedure timed(first_at out timestamp, last_at out timestamp) as $$
          begin
            first_at := getdate();
            perform pg_sleep(1.1);
            last_at := getdate();
          end;
          $$ language plpgsql`),
      );
      const { rows } = await pg.query<{ first_at: Date; last_at: Date }>('call timed()');
      const { first_at, last_at } = rows[0]!;
      expect(last_at.getTime() - first_at.getTime()).toBeGreaterThanOrEqual(1000);
      expect(first_at.getMilliseconds()).toBe(0);
    });
  });
});
