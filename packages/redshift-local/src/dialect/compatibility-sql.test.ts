import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compatibilitySql } from './compatibility-sql';
import { copyHelperSql } from './copy-helper-sql';
import { dateFunctionsSql } from './date-functions-sql';
import { loadErrorTablesSql } from './load-error-tables-sql';
import { s3ListObjectsSql } from './s3-list-objects-sql';
import { valueFunctionsSql } from './value-functions-sql';

describe('compatibilitySql', () => {
  it('is byte for byte the SQL installed before it was split into modules (sha256 pinned)', () => {
    // Pinned from compatibility-sql.ts at b753995, before the split; changed deliberately since: COPY's rejected
    // rows, MAXERROR and the load-error tables (copy-helper-sql, copy-rejecting-rows-sql, load-error-tables-sql);
    // Redshift's AVG, DATE_PART/EXTRACT, DATEADD years, TO_TIMESTAMP, `+`, SPLIT_PART, CASE_INSENSITIVE, REGEXP_*, window
    // helpers, FNV_HASH, STRTOL, ADD_MONTHS/LAST_DAY/NEXT_DAY, DATEADD/DATEDIFF on TIME, PGDATE_PART, SUPER functions,
    // catalog views (PG_TABLE_DEF, SVV_TABLES, SVV_TABLE_INFO, PG_GET_LATE_BINDING_VIEW_COLS, PG_GET_COLS), CRC32,
    // table_attributes (DISTSTYLE/DISTKEY/SORTKEY/ENCODE shown by PG_TABLE_DEF and SVV_TABLE_INFO), GETDATE in bodies
    // (getdate_in_body), SUPER unnesting (super_array, super_unnest, unnest(jsonb)), COPY TIMEFORMAT's SS reading
    // fractional seconds, PGlite's binary COPY accelerator (binary_copy_spec, the fast path's binary COPY per object;
    // its command names the COPY's next object, which the hook converts ahead).
    const digest = createHash('sha256').update(compatibilitySql).digest('hex');
    expect({ digest, length: compatibilitySql.length }).toEqual({
      digest: 'b63bdf3b8ef0507f87a84302f3853b4906e736d1120c6dc7b016b953c26dad35',
      length: 90988,
    });
  });

  it('installs the date functions, value functions, S3 listing, COPY helper and load-error tables in that order', () => {
    const positions = [
      dateFunctionsSql,
      valueFunctionsSql,
      s3ListObjectsSql,
      copyHelperSql,
      loadErrorTablesSql,
    ].map((part) => compatibilitySql.indexOf(part));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
