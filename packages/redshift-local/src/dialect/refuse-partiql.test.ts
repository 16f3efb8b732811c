import { describe, expect, it } from 'vitest';
import { NotEmulatedError } from './errors';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('partiqlConstruct', () => {
  it('refuses SUPER navigation after a subscript, unnesting with AT and UNPIVOT by name', () => {
    const cases: [string, string][] = [
      [
        'select c.c_orders[0].o_orderkey from customer_orders_lineitem c',
        'SUPER navigation after an array subscript',
      ],
      [
        'select o, i from customer_orders_lineitem c, c.c_orders as o at i',
        'PartiQL unnesting with an index',
      ],
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
