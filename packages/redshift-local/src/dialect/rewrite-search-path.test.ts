import { describe, expect, it } from 'vitest';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('SET search_path', () => {
  it.each([
    ['set search_path to sales', 'set search_path to sales, shiftflow_compat, pg_catalog'],
    [
      'SET SESSION search_path = "$user", sales ',
      'SET SESSION search_path = "$user", sales, shiftflow_compat, pg_catalog ',
    ],
    ["set search_path to 'sales', pg_catalog", "set search_path to 'sales', shiftflow_compat, pg_catalog"],
    ['set search_path to sales, shiftflow_compat', 'set search_path to sales, shiftflow_compat'],
    ['set search_path to default', 'set search_path to default'],
    ['set timezone to utc', 'set timezone to utc'],
  ])('%j keeps the compatibility functions on the path', (sql, expected) => {
    expect(translateRedshiftSql(sql)).toBe(expected);
  });
});
