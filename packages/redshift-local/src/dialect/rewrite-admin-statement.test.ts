import { describe, expect, it } from 'vitest';
import { translateRedshiftSql } from './translate-redshift-sql';

const noOperation = 'DO $shiftflow$ BEGIN END $shiftflow$';
const tableCheck = (table: string) => `DO $shiftflow$ BEGIN PERFORM '${table}'::regclass; END $shiftflow$`;

describe('rewriteAdminStatement', () => {
  it('accepts VACUUM in every Redshift form, checking only that a named table exists', () => {
    expect(translateRedshiftSql('vacuum')).toBe(noOperation);
    expect(translateRedshiftSql('VACUUM SORT ONLY sales TO 75 PERCENT')).toBe(tableCheck('sales'));
    expect(translateRedshiftSql('vacuum delete only public.sales to 100 percent boost')).toBe(
      tableCheck('public.sales'),
    );
    expect(translateRedshiftSql('vacuum reindex listing')).toBe(tableCheck('listing'));
    expect(translateRedshiftSql('vacuum to 50 percent')).toBe(noOperation);
  });

  it('accepts ANALYZE with PREDICATE COLUMNS or ALL COLUMNS and a column list', () => {
    expect(translateRedshiftSql('analyze')).toBe(noOperation);
    expect(translateRedshiftSql('analyze verbose')).toBe(noOperation);
    expect(translateRedshiftSql('ANALYZE sales PREDICATE COLUMNS')).toBe(tableCheck('sales'));
    expect(translateRedshiftSql('analyze listing(listid, totalprice) all columns')).toBe(
      tableCheck('listing'),
    );
    expect(translateRedshiftSql('analyze predicate columns')).toBe(noOperation);
  });

  it("answers ANALYZE COMPRESSION with Redshift's report columns and no rows", () => {
    expect(translateRedshiftSql('analyze compression listing')).toMatch(
      /AS "table".*AS "column".*AS encoding.*AS est_reduction_pct WHERE false$/,
    );
  });

  it('accepts ALTER MATERIALIZED VIEW … AUTO REFRESH and GRANT/REVOKE ASSUMEROLE', () => {
    expect(translateRedshiftSql('alter materialized view mv_sales auto refresh yes')).toBe(
      tableCheck('mv_sales'),
    );
    expect(
      translateRedshiftSql(
        "grant assumerole on 'arn:aws:iam::123456789012:role/Redshift-S3' to reg_user1 for copy",
      ),
    ).toBe(noOperation);
    expect(translateRedshiftSql('revoke assumerole on all from public for all')).toBe(noOperation);
  });

  it('leaves other ALTER MATERIALIZED VIEW statements to the engine', () => {
    expect(translateRedshiftSql('alter materialized view mv rename to mv2')).toBe(
      'alter materialized view mv rename to mv2',
    );
  });
});
