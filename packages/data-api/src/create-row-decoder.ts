import type { ColumnMetadata, Field } from '@aws-sdk/client-redshift-data';
import { DecodingError, InvalidOptionError } from './errors';
import { parseCsvRecords } from './parse-csv-records';

/**
 * How result values are turned into JavaScript values. Every setting has a lossless default.
 *
 * @example
 * ```ts
 * const data = new RedshiftData({
 *   target: { workgroupName: 'analytics', database: 'dev' },
 *   decoding: { int8: 'numberWhenSafe', numeric: 'number', temporal: 'date' },
 * });
 * ```
 */
export interface DecodingOptions {
  /**
   * `int8`/`bigint` columns: `'bigint'` always gives a `bigint`; `'numberWhenSafe'` gives a `number`
   * when the value is a safe integer (|v| ≤ 2^53 − 1) and a `bigint` otherwise.
   * @default 'bigint'
   */
  int8?: 'bigint' | 'numberWhenSafe';
  /**
   * `numeric`/`decimal` columns: `'string'` keeps Redshift's exact text (`'12.50'`); `'number'` converts
   * with `Number()` and may lose precision.
   * @default 'string'
   */
  numeric?: 'string' | 'number';
  /**
   * `date`, `timestamp` and `timestamptz` columns: `'string'` keeps Redshift's text
   * (`'2024-01-02'`, `'2024-01-02 03:04:05.123456'`, `'2024-01-02 03:04:05+00'`); `'date'` gives a `Date`
   * (`date` and `timestamp` read as UTC; sub-millisecond digits are dropped). `time`/`timetz` stay strings.
   * @default 'string'
   */
  temporal?: 'string' | 'date';
  /**
   * `super` columns: `'json'` parses the JSON text; `'string'` keeps it as text.
   * @default 'json'
   */
  super?: 'json' | 'string';
}

/**
 * Turns result pages into row objects keyed by column name, decoding each value by its column's type.
 *
 * @example
 * ```ts
 * const decoder: RowDecoder<{ n: bigint }> = createRowDecoder([{ name: 'n', typeName: 'int8' }]);
 * decoder.decodeRecords([[{ longValue: 5 }]]); // [{ n: 5n }]
 * ```
 */
export interface RowDecoder<Row> {
  /** Column names in order (`name`, else `label`, else `column<N>`); a later duplicate name wins in the row. */
  readonly columnNames: readonly string[];
  /** Decodes `GetStatementResult` records (arrays of `Field`). */
  decodeRecords(records: readonly (readonly Field[])[]): Row[];
  /**
   * Decodes the `CSVRecords` text of a `GetStatementResultV2` page. An unquoted empty value is `null`;
   * `skipHeader` drops a first line equal to the column names.
   */
  decodeCsv(text: string, skipHeader: boolean): Row[];
}

type Kind =
  | 'int'
  | 'int8'
  | 'float'
  | 'numeric'
  | 'bool'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'time'
  | 'super'
  | 'varbyte'
  | 'text';

const kindByTypeName: Readonly<Record<string, Kind>> = {
  int2: 'int',
  int4: 'int',
  smallint: 'int',
  integer: 'int',
  int: 'int',
  int8: 'int8',
  bigint: 'int8',
  float4: 'float',
  float8: 'float',
  real: 'float',
  float: 'float',
  'double precision': 'float',
  numeric: 'numeric',
  decimal: 'numeric',
  bool: 'bool',
  boolean: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  time: 'time',
  timetz: 'time',
  'time without time zone': 'time',
  'time with time zone': 'time',
  super: 'super',
  varbyte: 'varbyte',
  varbinary: 'varbyte',
  'binary varying': 'varbyte',
  bytea: 'varbyte',
};

type FieldDecoder = (field: Field) => unknown;
type TextDecoder = (text: string) => unknown;

interface ColumnCodec {
  fromField: FieldDecoder;
  fromText: TextDecoder;
}

const trueTexts = new Set(['t', 'true', '1', 'y', 'yes', 'on']);
const falseTexts = new Set(['f', 'false', '0', 'n', 'no', 'off']);
const hexPattern = /^(?:\\x)?((?:[0-9a-fA-F]{2})*)$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timestampPattern = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;
const timestamptzPattern =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:([+-]\d{2})(?::?(\d{2}))?|Z)$/;

/**
 * Builds a decoder for result pages with the given column metadata (from `GetStatementResult` or
 * `GetStatementResultV2`); `query()` and `results()` use it, and it is exported for callers who fetch
 * pages themselves.
 *
 * @example
 * ```ts
 * const page = await client.send(new GetStatementResultCommand({ Id: id }));
 * const decoder = createRowDecoder<{ id: number; fare: string }>(page.ColumnMetadata ?? []);
 * const rows = decoder.decodeRecords(page.Records ?? []);
 * ```
 */
export function createRowDecoder<Row = Record<string, unknown>>(
  columns: readonly ColumnMetadata[],
  options: DecodingOptions = {},
): RowDecoder<Row> {
  validateDecodingOptions(options);
  const names = columns.map((column, index) => column.name ?? column.label ?? `column${index + 1}`);
  const codecs = columns.map((column, index) => createCodec(column, names[index]!, options));
  const fieldDecoders = codecs.map((codec) => codec.fromField);
  const textDecoders = codecs.map((codec) => codec.fromText);
  const width = columns.length;
  // `row['__proto__'] = value` would set the row's prototype instead of a property (and drop the column).
  const protoNamed = names.map((name) => name === '__proto__');
  const anyProtoNamed = protoNamed.includes(true);
  const setProperty = (row: Record<string, unknown>, index: number, value: unknown): void => {
    if (protoNamed[index]) {
      Object.defineProperty(row, '__proto__', {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else row[names[index]!] = value;
  };

  return {
    columnNames: names,
    decodeRecords(records) {
      const rows: Row[] = new Array(records.length);
      for (let recordIndex = 0; recordIndex < records.length; recordIndex++) {
        const record = records[recordIndex]!;
        if (record.length !== width) throw widthError(recordIndex, record.length, width);
        const row: Record<string, unknown> = {};
        if (anyProtoNamed) {
          for (let index = 0; index < width; index++)
            setProperty(row, index, fieldDecoders[index]!(record[index]!));
        } else {
          for (let index = 0; index < width; index++)
            row[names[index]!] = fieldDecoders[index]!(record[index]!);
        }
        rows[recordIndex] = row as Row;
      }
      return rows;
    },
    decodeCsv(text, skipHeader) {
      const records = parseCsvRecords(text);
      let start = 0;
      const first = records[0];
      if (
        skipHeader &&
        first !== undefined &&
        first.length === width &&
        first.every((v, i) => v === names[i])
      ) {
        start = 1;
      }
      const rows: Row[] = [];
      for (let recordIndex = start; recordIndex < records.length; recordIndex++) {
        const record = records[recordIndex]!;
        if (record.length !== width) throw widthError(recordIndex, record.length, width);
        const row: Record<string, unknown> = {};
        for (let index = 0; index < width; index++) {
          const value = record[index]!;
          setProperty(row, index, value === null ? null : textDecoders[index]!(value));
        }
        rows.push(row as Row);
      }
      return rows;
    },
  };
}

function widthError(recordIndex: number, length: number, width: number): DecodingError {
  return new DecodingError({
    column: `record ${recordIndex}`,
    typeName: 'record',
    value: length,
    reason: `the record has ${length} values but the result has ${width} columns`,
  });
}

function validateDecodingOptions(options: DecodingOptions): void {
  const allowed: Record<keyof DecodingOptions, readonly string[]> = {
    int8: ['bigint', 'numberWhenSafe'],
    numeric: ['string', 'number'],
    temporal: ['string', 'date'],
    super: ['json', 'string'],
  };
  for (const [key, values] of Object.entries(allowed)) {
    const value = options[key as keyof DecodingOptions];
    if (value !== undefined && !values.includes(value)) {
      throw new InvalidOptionError(
        `decoding.${key} is ${JSON.stringify(value)}; expected one of ${values.map((v) => `'${v}'`).join(', ')}`,
        `decoding.${key}`,
        value,
      );
    }
  }
}

function createCodec(column: ColumnMetadata, name: string, options: DecodingOptions): ColumnCodec {
  const typeName = (column.typeName ?? '').toLowerCase();
  const kind = kindByTypeName[typeName] ?? 'text';
  const fail = (value: unknown, reason: string, cause?: unknown): never => {
    throw new DecodingError({ column: name, typeName: typeName || 'unknown', value, reason, cause });
  };
  const fromText = createTextDecoder(kind, options, fail);
  // The slow path: NULL, an unexpected Field member, or an unknown member.
  const other = (field: Field): unknown => {
    if (field.isNull === true) return null;
    if (field.stringValue !== undefined) return fromText(field.stringValue);
    if (field.longValue !== undefined) return fromNumber(kind, field.longValue, options, fail);
    if (field.doubleValue !== undefined) return fromNumber(kind, field.doubleValue, options, fail);
    if (field.booleanValue !== undefined) {
      return kind === 'bool' || kind === 'text'
        ? field.booleanValue
        : fail(field.booleanValue, 'unexpected boolean');
    }
    if (field.blobValue !== undefined) {
      return kind === 'varbyte' || kind === 'text'
        ? field.blobValue
        : fail('<blob>', 'unexpected binary value');
    }
    if (field.isNull === false) return fail(field, 'the Field has isNull false and no value');
    return fail(field, 'the Field has no known member');
  };

  let fromField: FieldDecoder;
  switch (kind) {
    case 'int':
    case 'float':
      fromField = (field) => field.longValue ?? field.doubleValue ?? other(field);
      break;
    case 'int8':
      fromField =
        options.int8 === 'numberWhenSafe'
          ? (field) => {
              const value = field.longValue;
              if (value === undefined) return other(field);
              return Number.isSafeInteger(value) ? value : BigInt(value);
            }
          : (field) => {
              const value = field.longValue;
              return value === undefined ? other(field) : BigInt(value);
            };
      break;
    case 'bool':
      fromField = (field) => field.booleanValue ?? other(field);
      break;
    case 'varbyte':
      fromField = (field) => field.blobValue ?? other(field);
      break;
    case 'text':
      fromField = (field) => field.stringValue ?? other(field);
      break;
    default:
      fromField = (field) => {
        const value = field.stringValue;
        return value === undefined ? other(field) : fromText(value);
      };
  }
  return { fromField, fromText };
}

function fromNumber(
  kind: Kind,
  value: number,
  options: DecodingOptions,
  fail: (value: unknown, reason: string) => never,
): unknown {
  switch (kind) {
    case 'int':
    case 'float':
    case 'text':
      return value;
    case 'int8':
      return options.int8 === 'numberWhenSafe' && Number.isSafeInteger(value) ? value : BigInt(value);
    case 'numeric':
      return options.numeric === 'number' ? value : String(value);
    case 'bool':
      return value !== 0;
    default:
      return fail(value, `unexpected number for this column type`);
  }
}

function createTextDecoder(
  kind: Kind,
  options: DecodingOptions,
  fail: (value: unknown, reason: string, cause?: unknown) => never,
): TextDecoder {
  switch (kind) {
    case 'int':
      return (text) => {
        const value = Number(text);
        return text.trim() !== '' && Number.isInteger(value) ? value : fail(text, 'not an integer');
      };
    case 'int8':
      return (text) => {
        let value: bigint;
        try {
          value = BigInt(text);
        } catch (error) {
          return fail(text, 'not an integer', error);
        }
        if (text.trim() === '') return fail(text, 'not an integer');
        if (options.int8 === 'numberWhenSafe') {
          const number = Number(value);
          if (Number.isSafeInteger(number)) return number;
        }
        return value;
      };
    case 'float':
      return (text) => {
        const lower = text.trim().toLowerCase();
        if (lower === 'inf' || lower === '+inf' || lower === 'infinity') return Number.POSITIVE_INFINITY;
        if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY;
        if (lower === 'nan') return Number.NaN;
        const value = Number(text);
        return lower !== '' && !Number.isNaN(value) ? value : fail(text, 'not a number');
      };
    case 'numeric':
      if (options.numeric !== 'number') return (text) => text;
      return (text) => {
        const value = Number(text);
        return text.trim() !== '' && !Number.isNaN(value) ? value : fail(text, 'not a number');
      };
    case 'bool':
      return (text) => {
        const lower = text.trim().toLowerCase();
        if (trueTexts.has(lower)) return true;
        if (falseTexts.has(lower)) return false;
        return fail(text, 'not a boolean');
      };
    case 'date':
      if (options.temporal !== 'date') return (text) => text;
      return (text) =>
        datePattern.test(text) ? toDate(`${text}T00:00:00Z`, text, fail) : fail(text, 'not a date');
    case 'timestamp':
      if (options.temporal !== 'date') return (text) => text;
      return (text) => {
        const match = timestampPattern.exec(text);
        return match === null
          ? fail(text, 'not a timestamp')
          : toDate(`${match[1]}T${milliseconds(match[2]!)}Z`, text, fail);
      };
    case 'timestamptz':
      if (options.temporal !== 'date') return (text) => text;
      return (text) => {
        const match = timestamptzPattern.exec(text);
        if (match === null) return fail(text, 'not a timestamp with time zone');
        const offset = match[3] === undefined ? 'Z' : `${match[3]}:${match[4] ?? '00'}`;
        return toDate(`${match[1]}T${milliseconds(match[2]!)}${offset}`, text, fail);
      };
    case 'super':
      if (options.super === 'string') return (text) => text;
      return (text) => {
        try {
          return JSON.parse(text) as unknown;
        } catch (error) {
          return fail(text, 'not valid JSON', error);
        }
      };
    case 'varbyte':
      return (text) => {
        const match = hexPattern.exec(text);
        return match === null
          ? fail(text, 'not hexadecimal bytes')
          : Uint8Array.from(Buffer.from(match[1]!, 'hex'));
      };
    default:
      return (text) => text;
  }
}

/** Cuts fractional seconds to milliseconds, which is all a Date holds. */
function milliseconds(time: string): string {
  const dot = time.indexOf('.');
  return dot === -1 ? time : time.slice(0, dot + 4);
}

function toDate(iso: string, text: string, fail: (value: unknown, reason: string) => never): Date {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? fail(text, 'not a valid date') : date;
}
