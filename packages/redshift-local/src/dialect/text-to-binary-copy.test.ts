import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BinaryCopyRefusedError } from '../errors';
import { parseBinaryCopySpec } from './binary-copy-spec';
import { convertTextToBinaryCopy } from './text-to-binary-copy';

const folder = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-text-to-binary-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let counter = 0;

/** Converts `text` with `spec`; returns each row's fields as hex (null for NULL). */
function convert(spec: string, text: string | Buffer, chunkBytes?: number): (string | null)[][] {
  const input = path.join(folder, `in-${counter}`);
  const output = path.join(folder, `out-${counter++}`);
  writeFileSync(input, text);
  const inputFd = openSync(input, 'r');
  const outputFd = openSync(output, 'w');
  try {
    convertTextToBinaryCopy(parseBinaryCopySpec(spec), inputFd, outputFd, 's3://bucket/key', chunkBytes);
  } finally {
    closeSync(inputFd);
    closeSync(outputFd);
  }
  return decode(readFileSync(output));
}

/** PostgreSQL's binary COPY format, read back: header, rows of length-prefixed fields, trailer -1. */
function decode(data: Buffer): (string | null)[][] {
  expect(data.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  let offset = 19;
  const rows: (string | null)[][] = [];
  for (;;) {
    const fields = data.readInt16BE(offset);
    offset += 2;
    if (fields === -1) break;
    const row: (string | null)[] = [];
    for (let field = 0; field < fields; field++) {
      const length = data.readInt32BE(offset);
      offset += 4;
      if (length < 0) row.push(null);
      else {
        row.push(data.subarray(offset, offset + length).toString('hex'));
        offset += length;
      }
    }
    rows.push(row);
  }
  expect(offset).toBe(data.length);
  return rows;
}

function refusal(spec: string, text: string | Buffer): string {
  try {
    convert(spec, text);
  } catch (error) {
    expect(error).toBeInstanceOf(BinaryCopyRefusedError);
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`expected ${JSON.stringify(text)} to be declined`);
}

const int64 = (value: bigint) => {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(value);
  return buffer.toString('hex');
};
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer.toString('hex');
};
/** Days since 2000-01-01 of an ISO date, computed with Date. */
const days = (iso: string) => int32((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(2000, 0, 1)) / 86400000);
/** µs since 2000-01-01 of an ISO timestamp, computed with BigInt and Date (independently of the converter). */
const micros = (iso: string, fraction = 0n) =>
  int64((BigInt(Date.parse(`${iso}Z`)) - BigInt(Date.UTC(2000, 0, 1))) * 1000n + fraction);

describe('convertTextToBinaryCopy encodings', () => {
  it('integers: int2, int4, int8 (both int8 paths), signs and leading zeros', () => {
    expect(
      convert('7c:01:0::0:-:i2,i4,i8', '-3|2147483647|-9223372036854775808\n007|-0|123456789012345\n'),
    ).toEqual([
      ['fffd', '7fffffff', '8000000000000000'],
      ['0007', '00000000', int64(123456789012345n)],
    ]);
    expect(convert('7c:01:0::0:-:i8', '-123456789012345\n9223372036854775807\n')).toEqual([
      [int64(-123456789012345n)],
      ['7fffffffffffffff'],
    ]);
  });

  it('floats: float4 as strtof rounds, float8 as strtod, -0 kept, exponents through Number()', () => {
    expect(convert('7c:01:0::0:-:f4,f8', '2.36|0.1\n-0|-0.00\n1.5e3|1E-5\n0.1|123456789012345678\n')).toEqual(
      [
        ['40170a3d', '3fb999999999999a'],
        ['80000000', '8000000000000000'],
        ['44bb8000', '3ee4f8b588e368f1'],
        ['3dcccccd', '437b69b4ba630f35'],
      ],
    );
  });

  it('date and timestamp: days and µs since 2000-01-01, across the whole year range', () => {
    expect(
      convert('7c:01:0::0:-:d,ts', '2000-01-01|2000-01-01 00:00:00.000001\n0001-01-01|1999-12-31 23:59:59\n'),
    ).toEqual([
      [int32(0), int64(1n)],
      [int32(-730119), int64(-1000000n)],
    ]);
    expect(
      convert(
        '7c:01:0::0:-:d,ts',
        '2016-02-29|9999-12-31 23:59:59.999999\n9999-12-31|0001-01-01 00:00:00.5\n',
      ),
    ).toEqual([
      [days('2016-02-29'), micros('9999-12-31T23:59:59', 999999n)],
      [days('9999-12-31'), micros('0001-01-01T00:00:00', 500000n)],
    ]);
  });

  it('bool and character columns; empty fields as NULL or, with FORCE_NOT_NULL, as empty strings', () => {
    expect(convert('7c:01:0:5c4e:1:-:b,t,v1,c2,i4', 't|é|é||\n0||x|ab|1\n')).toEqual([
      ['01', 'c3a9', 'c3a9', '', null],
      ['00', '', '78', '6162', '00000001'],
    ]);
    expect(convert('7c:01:0::0:-:t,i4', '|\n')).toEqual([[null, null]]);
    const long = `${'x'.repeat(40)}é`;
    expect(convert('7c:01:0::0:-:t,v41', `${long}|${long}\n`)).toEqual([
      [Buffer.from(long).toString('hex'), Buffer.from(long).toString('hex')],
    ]);
  });

  it('HEADER skips the first line; a last line without a newline is a row; an empty object has no rows', () => {
    expect(convert('2c:01:1::0:-:i4,t', 'id,name\n1,a\n2,b')).toEqual([
      ['00000001', '61'],
      ['00000002', '62'],
    ]);
    expect(convert('2c:01:0::0:-:i4', '')).toEqual([]);
    expect(convert('2c:01:1::0:-:i4', 'id')).toEqual([]);
  });

  it('gives the same rows whatever the chunk size: lines, fields and UTF-8 characters split across chunks', () => {
    const text = `${Array.from({ length: 40 }, (_, index) => `${index}|日本語${'é'.repeat(index % 7)}|2015-10-24 22:49:52.${index % 10}|${index}.25`).join('\n')}\n`;
    const expected = convert('7c:01:0::0:-:i4,t,ts,f8', text);
    expect(expected).toHaveLength(40);
    for (const chunkBytes of [1, 2, 3, 5, 7, 16, 61, 4096]) {
      expect(convert('7c:01:0::0:-:i4,t,ts,f8', text, chunkBytes)).toEqual(expected);
    }
  });
});

describe('convertTextToBinaryCopy declines what only the text COPY may decide', () => {
  it.each([
    ['i2', '32768', 'int2 out of range'],
    ['i4', '-2147483649', 'int4 out of range'],
    ['i8', '9223372036854775808', 'int8 out of range'],
    ['i4', ' 5', 'blank before a number'],
    ['i4', '5 ', 'blank after a number'],
    ['i4', '+5', 'a plus sign'],
    ['i4', '1.0', 'a decimal in an integer'],
    ['f8', '1.', 'a float without fraction digits'],
    ['f8', '.5', 'a float without integer digits'],
    ['f8', 'inf', 'infinity'],
    ['f8', 'NaN', 'NaN'],
    ['f8', '1e400', 'float8 overflow'],
    ['f8', '1e-400', 'float8 underflow to zero'],
    ['f8', '5e-324', 'a float8 subnormal'],
    ['f4', '1e39', 'float4 overflow'],
    ['f4', '1e-45', 'a float4 subnormal'],
    ['f4', '1e-50', 'float4 underflow'],
    ['d', '2015-02-29', 'not a leap year'],
    ['d', '2015-04-31', 'April 31st'],
    ['d', '0000-01-01', 'year 0'],
    ['d', '2015-1-01', 'a one-digit month'],
    ['ts', '2015-10-24 24:00:00', 'hour 24'],
    ['ts', '2015-10-24 23:59:60', 'second 60'],
    ['ts', '2015-10-24T22:49:52', 'a T separator'],
    ['ts', '2015-10-24 22:49:52.1234567', 'seven fraction digits'],
    ['ts', '2015-10-24 22:49:52.', 'a dot without fraction digits'],
    ['b', 'yes', 'bool spelled yes'],
    ['v2', 'abc', 'varchar(2) too long'],
    ['c1', 'éé', 'char(1) too long, counted in characters'],
  ])('%s %j (%s)', (type, value) => {
    expect(refusal(`7c:01:0::0:-:${type}`, `${value}\n`)).toMatch(
      /line 1: field 1 .* is outside the binary subset/,
    );
  });

  it('declines a float4 whose double lies exactly midway between two float4 values', () => {
    // 1 + 2^-24 is a double midway between float4 1 and 1 + 2^-23.
    expect(refusal('7c:01:0::0:-:f4', `${1 + 2 ** -24}\n`)).toMatch(/float4/);
    // Above the midpoint 16777217 as a decimal (strtof gives 16777218), but its nearest double is the midpoint.
    expect(refusal('7c:01:0::0:-:f4', '16777217.000000000000001\n')).toMatch(/float4/);
  });

  it.each<[string | Buffer, string]>([
    ['1|2\r\n', 'CR'],
    ['1|\u0001\n', 'the quote byte'],
    ['1|a\u0000b\n', 'NUL'],
    ['1\n', 'too few fields'],
    ['1|a|b\n', 'too many fields'],
    ['1|a\n\n2|b\n', 'an empty line'],
    ['\\.|a\n', 'end-of-data marker'],
    ['1|\\N\n', 'the NULL AS string in a character field'],
    ['\\N|a\n', 'the NULL AS string in a non-character field'],
    [Buffer.from([0x31, 0x7c, 0xc3, 0x28, 0x0a]), 'invalid UTF-8'],
  ])('declines %j (%s)', (text: string | Buffer) => {
    expect(refusal('7c:01:0:5c4e:1:-:i4,t', text)).toMatch(/line \d+/);
  });

  it('declines a header line with a CR, the quote byte or invalid UTF-8', () => {
    expect(refusal('7c:01:1::0:-:i4', 'id\r\n1\n')).toMatch(/header/);
    expect(refusal('7c:01:1::0:-:i4', Buffer.from([0xff, 0x0a, 0x31]))).toMatch(/header/);
  });

  it('refuses specs outside the grammar and delimiters that could be part of a value', () => {
    expect(() => parseBinaryCopySpec('7c:01:0::0:-:numeric')).toThrow(BinaryCopyRefusedError);
    expect(() => parseBinaryCopySpec('7c:22:0::0:-:i4')).toThrow(/quote byte/);
    for (const delimiter of ['2d', '2e', '30', '65', '20', '3a', 'c3']) {
      expect(() => parseBinaryCopySpec(`${delimiter}:01:0::0:-:i4`)).toThrow(BinaryCopyRefusedError);
    }
  });
});
