import { describe, expect, it } from 'vitest';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteAverage', () => {
  it("runs PostgreSQL's AVG and gives it Redshift's type through the MIN of the same rows", () => {
    expect(translateRedshiftSql('select avg(qty) from sales')).toBe(
      'select shiftflow_compat.avg(pg_catalog.avg(qty), pg_catalog.min(qty)) from sales',
    );
  });

  it('repeats DISTINCT only in the AVG, and FILTER and OVER in both', () => {
    expect(
      translateRedshiftSql(
        'select avg(distinct nvl(q, 0)) filter (where q > 1) over (partition by s order by d) from t',
      ),
    ).toBe(
      'select shiftflow_compat.avg(pg_catalog.avg(distinct coalesce(q, 0)) FILTER (where q > 1) OVER (partition by s order by d), pg_catalog.min(coalesce(q, 0)) FILTER (where q > 1) OVER (partition by s order by d)) from t',
    );
    expect(translateRedshiftSql('select avg(q) over w from t window w as (order by d)')).toBe(
      'select shiftflow_compat.avg(pg_catalog.avg(q) OVER w, pg_catalog.min(q) OVER w) from t window w as (order by d)',
    );
  });

  it('leaves a qualified or many-argument avg alone', () => {
    expect(translateRedshiftSql('select pg_catalog.avg(q), s.avg(a, b) from t')).toBe(
      'select pg_catalog.avg(q), s.avg(a, b) from t',
    );
  });
});
