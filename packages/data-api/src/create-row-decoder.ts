import type { ColumnMetadata, Field } from '@aws-sdk/client-redshift-data';
import { createColumnCodec } from './create-column-codec';
import type { DecodingOptions } from './decoding-options';
import { DecodingError } from './errors';
import { parseCsvRecords } from './parse-csv-records';
import { validateDecodingOptions } from './validate-decoding-options';

export type { DecodingOptions } from './decoding-options';

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
  const codecs = columns.map((column, index) => createColumnCodec(column, names[index]!, options));
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
