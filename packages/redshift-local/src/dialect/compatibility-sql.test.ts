import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compatibilitySql } from './compatibility-sql';
import { copyHelperSql } from './copy-helper-sql';
import { dateFunctionsSql } from './date-functions-sql';
import { s3ListObjectsSql } from './s3-list-objects-sql';
import { valueFunctionsSql } from './value-functions-sql';

describe('compatibilitySql', () => {
  it('is byte for byte the SQL installed before it was split into modules (sha256 pinned)', () => {
    // Pinned from compatibility-sql.ts at b753995, before the split. Change it only with a deliberate SQL change.
    const digest = createHash('sha256').update(compatibilitySql).digest('hex');
    expect({ digest, length: compatibilitySql.length }).toEqual({
      digest: '24394fdd0f4d29e6c521bc6b479583932cb5dc44c5265b92de6ff3c3d337461b',
      length: 32230,
    });
  });

  it('installs the date functions, value functions, S3 listing and COPY helper in that order', () => {
    const positions = [dateFunctionsSql, valueFunctionsSql, s3ListObjectsSql, copyHelperSql].map((part) =>
      compatibilitySql.indexOf(part),
    );
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
