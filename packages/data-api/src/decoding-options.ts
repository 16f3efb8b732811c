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
