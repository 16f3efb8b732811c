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
    // rows, MAXERROR and the load-error tables (copy-helper-sql, copy-rejecting-rows-sql, load-error-tables-sql).
    const digest = createHash('sha256').update(compatibilitySql).digest('hex');
    expect({ digest, length: compatibilitySql.length }).toEqual({
      digest: '6f1657498514009a0f1c6c0c9a85779fd8d862d37dab1248a8a0a236a7e54571',
      length: 50652,
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
