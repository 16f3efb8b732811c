import { describe, expect, it } from 'vitest';
import { NotEmulatedError } from './errors';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('partiqlConstruct', () => {
  it('refuses what rewrite-super-navigation leaves: navigation after a parameter, AT after a table, UNPIVOT', () => {
    const cases: [string, string][] = [
      ['select :orders[0].o_orderkey', 'SUPER navigation after an array subscript'],
      ['select o, i from customer_orders_lineitem as o at i', 'PartiQL unnesting with an index'],
      ['select attr from t c, unpivot c.c_orders[0] as val at attr', 'UNPIVOT'],
    ];
    for (const [sql, construct] of cases) {
      expect(() => translateRedshiftSql(sql)).toThrow(NotEmulatedError);
      expect(() => translateRedshiftSql(sql)).toThrow(construct);
    }
  });

  it('leaves AT TIME ZONE and PostgreSQL array subscripts alone', () => {
    for (const sql of ["select ts at time zone 'UTC' as local_time from t", 'select a[1], (b[2]).x from t']) {
      expect(translateRedshiftSql(sql)).toBe(sql);
    }
  });
});
