/**
 * How result values are turned into JavaScript values. Every default is lossless and JSON-serialisable
 * (`JSON.stringify(rows)` works): a value that cannot be given exactly throws {@link DecodingError}.
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
   * `int8`/`bigint` columns (`count(*)` too): `'number'` gives a `number` when the value is a safe integer
   * (|v| ≤ 2^53 − 1) and throws {@link DecodingError} otherwise, never a rounded number; `'numberWhenSafe'`
   * gives a `bigint` there instead; `'bigint'` always gives a `bigint` (exact with CSV results; JSON
   * results carry int8 as a JSON number, already rounded beyond 2^53). A `bigint` is not JSON-serialisable.
   * @default 'number'
   */
  int8?: 'number' | 'numberWhenSafe' | 'bigint' | undefined;
  /**
   * `numeric`/`decimal` columns: `'string'` keeps Redshift's exact text (`'12.50'`); `'number'` converts
   * with `Number()` and may lose precision.
   * @default 'string'
   */
  numeric?: 'string' | 'number' | undefined;
  /**
   * `date`, `timestamp` and `timestamptz` columns: `'string'` keeps Redshift's text
   * (`'2024-01-02'`, `'2024-01-02 03:04:05.123456'`, `'2024-01-02 03:04:05+00'`); `'date'` gives a `Date`
   * (`date` and `timestamp` read as UTC; sub-millisecond digits are dropped). `time`/`timetz` stay strings.
   * @default 'string'
   */
  temporal?: 'string' | 'date' | undefined;
  /**
   * `super` columns: `'json'` parses the JSON text; `'string'` keeps it as text.
   * @default 'json'
   */
  super?: 'json' | 'string' | undefined;
}
