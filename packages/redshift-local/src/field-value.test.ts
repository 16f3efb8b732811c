import { describe, expect, it } from 'vitest';
import { columnMetadata, csvValue, toField } from './field-value';

describe('toField', () => {
  it('maps PostgreSQL text values to exactly one Field member by type', () => {
    expect(toField('42', 20)).toEqual({ longValue: 42 });
    expect(toField('1.5', 701)).toEqual({ doubleValue: 1.5 });
    expect(toField('12.30', 1700)).toEqual({ stringValue: '12.30' });
    expect(toField('t', 16)).toEqual({ booleanValue: true });
    expect(toField('f', 16)).toEqual({ booleanValue: false });
    expect(toField('\\x0aff', 17)).toEqual({ blobValue: Buffer.from([10, 255]).toString('base64') });
    expect(toField('2024-01-02 03:04:05', 1114)).toEqual({ stringValue: '2024-01-02 03:04:05' });
    expect(toField(null, 23)).toEqual({ isNull: true });
  });
});

describe('columnMetadata', () => {
  it('reports Redshift type names in lower case', () => {
    expect(columnMetadata({ name: 'a', typeOid: 1043 })).toMatchObject({
      name: 'a',
      label: 'a',
      typeName: 'varchar',
    });
    expect(columnMetadata({ name: 'b', typeOid: 1184 }).typeName).toBe('timestamptz');
  });
});

describe('csvValue', () => {
  it('quotes fields with separators or quotes and writes NULL as an empty field', () => {
    expect(csvValue('a,"b"', 25)).toBe('"a,""b"""');
    expect(csvValue(null, 25)).toBe('');
    expect(csvValue('t', 16)).toBe('true');
  });
});
