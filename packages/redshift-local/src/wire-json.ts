/**
 * JSON of a Data API answer as the service writes it: a `doubleValue` is always a JSON float
 * (`5.0`, never `5`). JSON.stringify writes a whole double as `5`, which boto3 (Python's json)
 * then hands to the user as an `int`, where Redshift's float4/float8 columns give a `float`; NaN
 * and ±Infinity are written as the protocol's strings.
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
    // JSON has no NaN or Infinity: the AWS JSON protocols send them as the strings "NaN",
    // "Infinity" and "-Infinity" (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html; the
    // JavaScript SDK reads them back as numbers, botocore leaves them strings). JSON.stringify would
    // write null: a Field with no member.
    if (key === 'doubleValue' && typeof value === 'number' && !Number.isFinite(value)) {
      return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    }
    return value;
  });
  return marked ? text.replace(markedDouble, '$1.0') : text;
}
