import { describe, expect, it } from 'vitest';
import { RedshiftSyntaxError } from './errors';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteWindowFunction', () => {
  it('turns LISTAGG … WITHIN GROUP … OVER into listagg_of over an array ordered by the window', () => {
    expect(
      translateRedshiftSql(
        "select listagg(distinct dateid, ',') within group (order by sellerid desc, salesid) over (partition by buyerid) from winsales",
      ),
    ).toBe(
      "select shiftflow_compat.listagg_of(array_agg(dateid) OVER (partition by buyerid ORDER BY sellerid desc, salesid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), ',', true) from winsales",
    );
  });

  it('keeps LISTAGG without OVER as string_agg', () => {
    expect(translateRedshiftSql("select listagg(a, ',') within group (order by a) from t")).toBe(
      "select string_agg((a)::text, ',' order by a) from t",
    );
  });

  it('turns MEDIAN and PERCENTILE_CONT/DISC … OVER into helpers over array_agg … OVER', () => {
    expect(translateRedshiftSql('select median(qty) over (partition by sellerid) from w')).toBe(
      'select shiftflow_compat.percentile_cont_of(0.5, array_agg(qty) OVER (partition by sellerid), false) from w',
    );
    expect(
      translateRedshiftSql('select percentile_disc(0.25) within group (order by qty desc) over () from w'),
    ).toBe('select shiftflow_compat.percentile_disc_of(0.25, array_agg(qty) OVER (), true) from w');
    expect(translateRedshiftSql('select median(qty) from w')).toBe(
      'select percentile_cont(0.5) WITHIN GROUP (ORDER BY qty) from w',
    );
  });

  it('turns RATIO_TO_REPORT and FIRST/LAST/NTH_VALUE … IGNORE NULLS into PostgreSQL window expressions', () => {
    expect(translateRedshiftSql('select ratio_to_report(qty) over (partition by s) from w')).toBe(
      'select ((qty)::double precision / sum(qty) OVER (partition by s)) from w',
    );
    expect(translateRedshiftSql('select nth_value(q, 2) ignore nulls over (order by d) from w')).toBe(
      'select shiftflow_compat.nth_non_null(array_agg(q) OVER (order by d), 2, false) from w',
    );
    expect(translateRedshiftSql('select last_value(q) ignore nulls over (order by d) from w')).toBe(
      'select shiftflow_compat.nth_non_null(array_agg(q) OVER (order by d), 1, true) from w',
    );
  });

  it('refuses FIRST_VALUE, LAST_VALUE and NTH_VALUE … IGNORE NULLS with the wrong number of arguments, naming the function', () => {
    // `x [, n]` is one argument (a subscript): it crashed with a TypeError before.
    expect(() =>
      translateRedshiftSql('select nth_value(x [, n]) ignore nulls over (order by y) from t'),
    ).toThrow(RedshiftSyntaxError);
    expect(() =>
      translateRedshiftSql('select nth_value(x [, n]) ignore nulls over (order by y) from t'),
    ).toThrow(/NTH_VALUE takes 2 arguments, not 1 at position 17/);
    expect(() =>
      translateRedshiftSql('select first_value(x, 2) ignore nulls over (order by y) from t'),
    ).toThrow(/FIRST_VALUE takes 1 argument, not 2/);
  });
});
