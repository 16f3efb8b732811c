import { describe, expect, it } from 'vitest';
import { recordTableAttributes } from './record-table-attributes';
import { tokenize } from './tokenize';

const record = (sql: string) => recordTableAttributes(tokenize(sql), sql);

describe('recordTableAttributes', () => {
  it('records column ENCODE, DISTKEY and SORTKEY and the table DISTSTYLE', () => {
    const statement = record(
      'create table t (a int encode az64 distkey, b varchar(10) sortkey encode lzo, c date) diststyle key',
    );
    expect(statement).toContain(
      "VALUES ('t'::regclass::oid, 'KEY(a)', 'a', ARRAY['b']::text[], false, '{\"a\":\"az64\",\"b\":\"lzo\"}'::jsonb)",
    );
  });

  it('records a table-level INTERLEAVED SORTKEY in order and a DISTKEY(column), for a qualified name', () => {
    expect(record('create table s.t (a int, b int, c int) distkey(c) interleaved sortkey (b, a)')).toContain(
      "VALUES ('s.t'::regclass::oid, 'KEY(c)', 'c', ARRAY['b', 'a']::text[], true, '{}'::jsonb)",
    );
    expect(record('create table if not exists t sortkey(a) as select 1 as a')).toContain(
      "VALUES ('t'::regclass::oid, 'EVEN', NULL, ARRAY['a']::text[], false, '{}'::jsonb)",
    );
  });

  it('records nothing for a table without physical attributes', () => {
    expect(record('create table t (a int primary key, b varchar(5))')).toBeUndefined();
  });
});
