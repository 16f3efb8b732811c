import type { ColumnMetadata, Field, GetStatementResultCommandOutput } from '@aws-sdk/client-redshift-data';
import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/fixture';
import { createRowDecoder } from './create-row-decoder';
import { DecodingError, InvalidOptionError } from './errors';

const page1 = fixture<GetStatementResultCommandOutput>('get-statement-result-all-types-page-1');
const page2 = fixture<GetStatementResultCommandOutput>('get-statement-result-all-types-page-2');
const columns = page1.ColumnMetadata ?? [];

function column(typeName: string, name = 'v'): ColumnMetadata {
  return { name, label: name, typeName };
}

function decodeOne(typeName: string, field: Field, options = {}): unknown {
  return createRowDecoder([column(typeName)], options).decodeRecords([[field]])[0]?.v;
}

describe('createRowDecoder', () => {
  it('keeps a column named __proto__ as a property instead of setting the row prototype', () => {
    const decoder = createRowDecoder([column('super', '__proto__'), column('int4', 'n')]);

    const [row] = decoder.decodeRecords([[{ stringValue: '{"polluted":true}' }, { longValue: 1 }]]);
    const [csvRow] = decoder.decodeCsv('"{""polluted"":true}",2\n', false);

    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row ?? {})).toEqual(['__proto__', 'n']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(csvRow)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(csvRow, '__proto__')?.value).toEqual({ polluted: true });
    expect(csvRow).toHaveProperty('n', 2);
  });

  it('decodes every column type of a GetStatementResult page with the defaults', () => {
    const [row, nulls] = createRowDecoder(columns).decodeRecords(page1.Records ?? []);
    expect(row).toEqual({
      c_int2: -32768,
      c_int4: 2147483647,
      c_int8: 9007199254740991,
      c_float4: 3.14,
      c_float8: -1.5e-7,
      c_numeric: '12345678901.25',
      c_bool: true,
      c_varchar: 'héllo, "world"',
      c_bpchar: 'ab  ',
      c_date: '2024-01-02',
      c_time: '03:04:05.123456',
      c_timetz: '03:04:05+02',
      c_timestamp: '2024-01-02 03:04:05.123456',
      c_timestamptz: '2024-01-02 03:04:05.5+00',
      c_super: { a: [1, 2, { b: null }], c: 'd' },
      c_varbyte: new Uint8Array([0, 1, 254, 255]),
    });
    expect(nulls).toEqual(Object.fromEntries(columns.map((c) => [c.name, null])));
  });

  it('gives rows JSON.stringify can write with the defaults (no bigint)', () => {
    const rows = createRowDecoder(columns).decodeRecords([
      ...(page1.Records ?? []),
      ...(page2.Records ?? []),
    ]);
    expect(() => JSON.stringify(rows)).not.toThrow();
    expect(JSON.parse(JSON.stringify(rows))[0].c_int8).toBe(9007199254740991);
  });

  it('decodes the edge values of the second page', () => {
    const [row] = createRowDecoder(columns).decodeRecords(page2.Records ?? []);
    expect(row).toMatchObject({
      c_int2: 0,
      c_int8: -9007199254740991,
      c_float8: 1e300,
      c_numeric: '-0.01',
      c_bool: false,
      c_varchar: '',
      c_super: [true, 1.5, 'x'],
      c_varbyte: new Uint8Array([]),
    });
  });

  it('gives int8 as a number when safe and asked to, else a bigint', () => {
    const decoder = createRowDecoder([column('int8')], { int8: 'numberWhenSafe' });
    const rows = decoder.decodeRecords([
      [{ longValue: 42 }],
      [{ longValue: 2 ** 60 }],
      [{ stringValue: '9223372036854775807' }],
    ]);
    expect(rows.map((row) => row.v)).toEqual([42, 2n ** 60n, 9223372036854775807n]);
  });

  it("reads an int8 sent as text exactly, beyond 2^53, with int8: 'bigint'", () => {
    expect(decodeOne('int8', { stringValue: '9223372036854775807' }, { int8: 'bigint' })).toBe(
      9223372036854775807n,
    );
    expect(decodeOne('int8', { longValue: 5 }, { int8: 'bigint' })).toBe(5n);
  });

  it('throws DecodingError for an int8 beyond 2^53 − 1 by default instead of a rounded number', () => {
    for (const field of [
      { stringValue: '9007199254740993' },
      { longValue: 2 ** 53 },
      { stringValue: '-9223372036854775808' },
    ]) {
      const error = (() => {
        try {
          decodeOne('int8', field);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(DecodingError);
      expect(error).toMatchObject({ code: 'DECODING_FAILED', typeName: 'int8' });
      expect((error as Error).message).toMatch(
        /more than a JavaScript number holds exactly; pass decoding: \{ int8: 'bigint' \}/,
      );
    }
    expect(decodeOne('int8', { stringValue: '9007199254740991' })).toBe(9007199254740991);
    expect(decodeOne('int8', { stringValue: '-42' })).toBe(-42);
  });

  it('gives numeric as a number when asked to', () => {
    expect(decodeOne('numeric', { stringValue: '12.50' }, { numeric: 'number' })).toBe(12.5);
    expect(decodeOne('decimal', { stringValue: '12.50' })).toBe('12.50');
    expect(decodeOne('numeric', { longValue: 3 })).toBe('3');
  });

  it('decodes float4/float8 sent as doubles, longs or text, including NaN and infinities', () => {
    expect(decodeOne('float4', { doubleValue: 1.5 })).toBe(1.5);
    expect(decodeOne('float8', { longValue: 2 })).toBe(2);
    expect(decodeOne('float8', { stringValue: 'NaN' })).toBeNaN();
    expect(decodeOne('float8', { stringValue: 'Infinity' })).toBe(Number.POSITIVE_INFINITY);
    expect(decodeOne('float4', { stringValue: '-inf' })).toBe(Number.NEGATIVE_INFINITY);
    expect(decodeOne('real', { stringValue: '2.5e3' })).toBe(2500);
  });

  it('decodes booleans sent as booleans, text or numbers', () => {
    expect(decodeOne('bool', { booleanValue: false })).toBe(false);
    expect(decodeOne('bool', { stringValue: 't' })).toBe(true);
    expect(decodeOne('bool', { stringValue: 'false' })).toBe(false);
    expect(decodeOne('boolean', { longValue: 1 })).toBe(true);
    expect(decodeOne('bool', { longValue: 0 })).toBe(false);
  });

  it('decodes int2/int4 sent as text', () => {
    expect(decodeOne('int4', { stringValue: '-7' })).toBe(-7);
    expect(decodeOne('int2', { longValue: 7 })).toBe(7);
  });

  it('gives dates and timestamps as Dates when asked to, reading date and timestamp as UTC', () => {
    const [row] = createRowDecoder(columns, { temporal: 'date' }).decodeRecords(page1.Records ?? []);
    expect(row?.c_date).toEqual(new Date('2024-01-02T00:00:00Z'));
    expect(row?.c_timestamp).toEqual(new Date('2024-01-02T03:04:05.123Z'));
    expect(row?.c_timestamptz).toEqual(new Date('2024-01-02T03:04:05.500Z'));
    expect(row?.c_time).toBe('03:04:05.123456');
    const [other] = createRowDecoder(columns, { temporal: 'date' }).decodeRecords(page2.Records ?? []);
    expect(other?.c_timestamptz).toEqual(new Date('2000-01-01T05:29:59Z'));
    expect(other?.c_timestamp).toEqual(new Date('1999-12-31T23:59:59Z'));
  });

  it('keeps super as text when asked to', () => {
    expect(decodeOne('super', { stringValue: '{"a":1}' }, { super: 'string' })).toBe('{"a":1}');
  });

  it('decodes varbyte sent as hexadecimal text', () => {
    expect(decodeOne('varbyte', { stringValue: '00ff10' })).toEqual(new Uint8Array([0, 255, 16]));
  });

  it('passes through values of types it does not know, by their Field member', () => {
    expect(decodeOne('geometry', { stringValue: '0101000000' })).toBe('0101000000');
    expect(decodeOne('hllsketch', { longValue: 5 })).toBe(5);
    expect(decodeOne('unknown_type', { booleanValue: true })).toBe(true);
    expect(decodeOne('name', { isNull: true })).toBeNull();
  });

  it('uses the label when a column has no name, and column<N> when it has neither', () => {
    const decoder = createRowDecoder([{ label: 'x', typeName: 'int4' }, { typeName: 'int4' }]);
    expect(decoder.columnNames).toEqual(['x', 'column2']);
    expect(decoder.decodeRecords([[{ longValue: 1 }, { longValue: 2 }]])).toEqual([{ x: 1, column2: 2 }]);
  });

  it.each([
    ['int4', { stringValue: 'abc' }, /not an integer/],
    ['int8', { stringValue: '1.5' }, /not an integer/],
    ['float8', { stringValue: 'abc' }, /not a number/],
    ['bool', { stringValue: 'maybe' }, /not a boolean/],
    ['super', { stringValue: '{oops' }, /not valid JSON/],
    ['varbyte', { stringValue: 'xyz' }, /not hexadecimal bytes/],
    ['date', { longValue: 5 }, /unexpected number/],
    ['int4', { booleanValue: true }, /unexpected boolean/],
    ['int4', { blobValue: new Uint8Array([1]) }, /unexpected binary value/],
    ['int4', { $unknown: ['arrayValue', [1]] } as Field, /no known member/],
    ['int4', { isNull: false } as Field, /isNull false and no value/],
  ])('throws DecodingError for a %s column given %j', (typeName, field, message) => {
    const decode = () => decodeOne(typeName, field as Field);
    expect(decode).toThrow(DecodingError);
    expect(decode).toThrow(message);
  });

  it.each([
    ['date', '2024-13-45'],
    ['timestamp', 'yesterday'],
    ['timestamptz', '2024-01-02 03:04:05'],
  ])('throws DecodingError for a %s column given %s when decoding to Date', (typeName, text) => {
    expect(() => decodeOne(typeName, { stringValue: text }, { temporal: 'date' })).toThrow(DecodingError);
  });

  it('names the column and value on DecodingError', () => {
    try {
      createRowDecoder([column('super', 'payload')]).decodeRecords([[{ stringValue: '{oops' }]]);
      expect.unreachable('decoding should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(DecodingError);
      expect(error).toMatchObject({
        column: 'payload',
        typeName: 'super',
        value: '{oops',
        code: 'DECODING_FAILED',
      });
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });

  it('throws DecodingError when a record has a different number of values than columns', () => {
    expect(() =>
      createRowDecoder([column('int4')]).decodeRecords([[{ longValue: 1 }, { longValue: 2 }]]),
    ).toThrow(/the record has 2 values but the result has 1 columns/);
  });

  it('rejects unknown decoding options with InvalidOptionError', () => {
    expect(() => createRowDecoder([], { int8: 'string' as never })).toThrow(InvalidOptionError);
    expect(() => createRowDecoder([], { temporal: 'luxon' as never })).toThrow(
      /decoding.temporal is "luxon"/,
    );
  });

  describe('decodeCsv', () => {
    const csvColumns = [
      column('int8', 'id'),
      column('varchar', 'name'),
      column('bool', 'ok'),
      column('numeric', 'n'),
    ];

    it('decodes text values by column type, unquoted empty as null, and skips a header equal to the column names', () => {
      const rows = createRowDecoder(csvColumns).decodeCsv(
        'id,name,ok,n\n1,"a, b",t,1.50\n2,,f,\n3,"",true,0\n',
        true,
      );
      expect(rows).toEqual([
        { id: 1, name: 'a, b', ok: true, n: '1.50' },
        { id: 2, name: null, ok: false, n: null },
        { id: 3, name: '', ok: true, n: '0' },
      ]);
    });

    it('keeps a first line equal to the column names when not asked to skip it', () => {
      const decoder = createRowDecoder([column('varchar', 'a')]);
      expect(decoder.decodeCsv('a\nb\n', false)).toEqual([{ a: 'a' }, { a: 'b' }]);
    });

    it('throws DecodingError when a CSV record has the wrong width', () => {
      expect(() => createRowDecoder(csvColumns).decodeCsv('1,a\n', false)).toThrow(
        /has 2 values but the result has 4/,
      );
    });
  });
});
