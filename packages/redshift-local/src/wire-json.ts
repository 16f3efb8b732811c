/**
 * JSON of a Data API answer as the service writes it: a `doubleValue` is always a JSON float
 * (`5.0`, never `5`). JSON.stringify writes a whole double as `5`, which boto3 (Python's json)
 * then hands to the user as an `int`, where Redshift's float4/float8 columns give a `float`.
 */

/** Marks a whole double in the first pass; no PostgreSQL text holds a NUL, so no value collides. */
const marker = '\u0000double:';
const markedDouble = /"\\u0000double:(-?\d+)"/g;

/**
 * The JSON text of `body`, with every whole `doubleValue` written as a float (`1.0`).
 *
 * @example
 * toWireJson({ Records: [[{ doubleValue: 5 }]] }); // '{"Records":[[{"doubleValue":5.0}]]}'
 */
export function toWireJson(body: unknown): string {
  let marked = false;
  const text = JSON.stringify(body, (key, value: unknown) => {
    // Whole numbers up to 1e21 print without an exponent; beyond, JSON's "1e+21" already reads as a float.
    if (
      key === 'doubleValue' &&
      typeof value === 'number' &&
      Number.isInteger(value) &&
      Math.abs(value) < 1e21
    ) {
      marked = true;
      return `${marker}${value}`;
    }
    return value;
  });
  return marked ? text.replace(markedDouble, '$1.0') : text;
}
