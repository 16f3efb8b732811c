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

  it('reports the declared length of varchar and char, the scale of timestamps and the origin table', () => {
    const varchar = columnMetadata({
      name: 'v',
      typeOid: 1043,
      typeModifier: 24,
      schemaName: 's',
      tableName: 't',
      nullable: 0,
    });
    expect(varchar).toMatchObject({
      length: 20,
      precision: 20,
      schemaName: 's',
      tableName: 't',
      nullable: 0,
    });
    expect(columnMetadata({ name: 'c', typeOid: 1042, typeModifier: 7 })).toMatchObject({
      length: 3,
      precision: 3,
    });
    expect(columnMetadata({ name: 'u', typeOid: 1043, typeModifier: -1 })).toMatchObject({
      length: 0,
      precision: 256,
    });
    expect(columnMetadata({ name: 'n', typeOid: 1700, typeModifier: ((12 << 16) | 3) + 4 })).toMatchObject({
      precision: 12,
      scale: 3,
    });
    expect(columnMetadata({ name: 'ts', typeOid: 1114 })).toMatchObject({
      precision: 29,
      scale: 6,
      schemaName: '',
      tableName: '',
    });
    expect(columnMetadata({ name: 'tz', typeOid: 1184 })).toMatchObject({ scale: 6 });
  });
});

describe('csvValue', () => {
  it('quotes fields with separators or quotes and writes NULL as an empty field', () => {
    expect(csvValue('a,"b"', 25)).toBe('"a,""b"""');
    expect(csvValue(null, 25)).toBe('');
    expect(csvValue('t', 16)).toBe('true');
  });
});
