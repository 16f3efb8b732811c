import { describe, expect, it } from 'vitest';
import { NotEmulatedError } from './errors';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteSuperCall', () => {
  it("turns Redshift's ARRAY(…) into jsonb_build_array and keeps PostgreSQL's ARRAY(subquery)", () => {
    expect(translateRedshiftSql('select json_typeof(array(1, 2))')).toBe(
      'select json_typeof(jsonb_build_array(1, 2))',
    );
    expect(translateRedshiftSql('select array()')).toBe('select jsonb_build_array()');
    expect(translateRedshiftSql('select array(select 1)')).toBe('select array(select 1)');
  });

  it('turns JSON_SERIALIZE into the compact serializer', () => {
    expect(translateRedshiftSql("select json_serialize(json_parse('[1]'))")).toBe(
      "select shiftflow_compat.super_serialize(json_parse('[1]'))",
    );
  });

  it('refuses SUPER functions without a local form, naming them', () => {
    const sql = "select array_concat(json_parse('[1]'), json_parse('[2]'))";
    expect(() => translateRedshiftSql(sql)).toThrow(new NotEmulatedError('SUPER function ARRAY_CONCAT', sql));
  });
});
