import { describe, expect, it } from 'vitest';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteLateBindingView', () => {
  it('creates the view, records it as late-binding and names the construct when a table is missing', () => {
    const translated = translateRedshiftSql(
      'create view public.sales_lbv as select * from public.sales with no schema binding',
    );
    expect(translated).toBe(
      [
        'DO $shiftflow_view$ BEGIN',
        "  EXECUTE 'create view public.sales_lbv as select * from public.sales';",
        "  INSERT INTO shiftflow_compat.late_binding_views VALUES ('public.sales_lbv'::regclass::oid) ON CONFLICT DO NOTHING;",
        'EXCEPTION WHEN undefined_table THEN',
        "  RAISE EXCEPTION 'CREATE VIEW … WITH NO SCHEMA BINDING over a table that does not exist yet is not emulated locally (shiftflow local Redshift): %', SQLERRM USING ERRCODE = '0A000';",
        'END $shiftflow_view$',
      ].join('\n'),
    );
  });

  it('leaves views without the clause to the engine', () => {
    expect(translateRedshiftSql('create view v as select 1 as a')).toBe('create view v as select 1 as a');
  });
});
