import { describe, expect, it } from 'vitest';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('isDateType (the DATE type written pg_catalog.date)', () => {
  it('qualifies DATE where it is a type: casts, typed literals, column, parameter and variable types, RETURNS', () => {
    expect(translateRedshiftSql("select d::date, cast(x as date), date '2020-01-01' from t")).toBe(
      "select d::pg_catalog.date, cast(x as pg_catalog.date), pg_catalog.date '2020-01-01' from t",
    );
    expect(translateRedshiftSql('create table t (d date not null, e date)')).toBe(
      'create table t (d pg_catalog.date not null, e pg_catalog.date)',
    );
    expect(
      translateRedshiftSql(
        'create procedure p(a date, b inout date) as $$ declare v date := a; w date; begin b := v; end $$ language plpgsql',
      ),
    ).toBe(
      'create procedure p(a pg_catalog.date, b inout pg_catalog.date) as $$ declare v pg_catalog.date := a; w pg_catalog.date; begin b := v; end $$ language plpgsql',
    );
    expect(translateRedshiftSql('create function f() returns date as $$ select 1 $$ language sql')).toContain(
      'returns pg_catalog.date',
    );
  });

  it('leaves a table or column named date alone', () => {
    const unchanged = [
      'select caldate from date where date.dateid = 1',
      'select date from t order by date',
      'select sales.qty from sales, date where sales.dateid = date.dateid',
      'insert into t (id, date) values (1, 2)',
      'drop table date',
    ];
    for (const sql of unchanged) expect(translateRedshiftSql(sql)).toBe(sql);
    expect(translateRedshiftSql('create table date (dateid int, caldate date)')).toBe(
      'create table date (dateid int, caldate pg_catalog.date)',
    );
  });
});
