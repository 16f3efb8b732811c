import { describe, expect, it } from 'vitest';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteExtract', () => {
  it("turns EXTRACT(part FROM x) into Redshift's integer date_part, mapping Redshift-only part names", () => {
    expect(
      translateRedshiftSql(
        "select extract(ms from timestamp '2009-09-09 12:08:43.101'), extract(dw from d) from t",
      ),
    ).toBe(
      "select shiftflow_compat.date_part('ms', timestamp '2009-09-09 12:08:43.101', 'extract'), shiftflow_compat.date_part('dow', d, 'extract') from t",
    );
  });

  it('rewrites the expression it extracts from', () => {
    expect(translateRedshiftSql('select extract(year from nvl(a, b))')).toBe(
      "select shiftflow_compat.date_part('year', coalesce(a, b), 'extract')",
    );
  });
});
