/**
 * Encoders of one text field into PostgreSQL's binary COPY format (length word + value, big-endian), for the strict
 * subset of text whose binary value is provably what the text COPY would load. Each parses the non-empty field that
 * starts at `src[p]` and ends at the delimiter byte `d` or at the line's end `e` (each byte is read once), writes at
 * `o` of `view`, sets `fieldEnd[0]` to where the field ends and returns the offset after the value, or -1 when the
 * text is outside the subset (the caller declines the object and the text COPY loads it). The delimiter is never a
 * byte of a value's grammar (binary-copy-spec.ts refuses digits, letters and `-+.: `).
 * Self-contained (erasable TypeScript, no imports) because the PGlite worker imports it from `src/`.
 */

const digit0 = 0x30;
const minus = 0x2d;
const pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** FLT_MAX and FLT_MIN (smallest normal float4), DBL_MIN (smallest normal float8). */
const float4Max = 3.4028234663852886e38;
const float4MinNormal = 1.1754943508222875e-38;
const float8MinNormal = 2.2250738585072014e-308;
const two32 = 4294967296;

/** Where the field just encoded ends: the index of its delimiter, or the line's end. */
export const fieldEnd = new Int32Array(1);

const float32 = new Float32Array(1);
const float32Bits = new Int32Array(float32.buffer);

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** `-?[0-9]+` in [min, max] as int2 or int4; returns the new offset or -1. */
export function encodeSmallInteger(
  src: Buffer,
  p: number,
  e: number,
  d: number,
  view: DataView,
  o: number,
  bytes: 2 | 4,
): number {
  const negative = src[p] === minus;
  const start = negative ? p + 1 : p;
  let i = start;
  let value = 0;
  for (; i < e; i++) {
    const byte = src[i]!;
    if (byte < 0x30 || byte > 0x39) break;
    value = value * 10 + (byte - digit0);
  }
  if (i === start || i - start > 12 || (i < e && src[i] !== d)) return -1;
  fieldEnd[0] = i;
  if (negative) value = -value;
  if (bytes === 2) {
    if (value < -32768 || value > 32767) return -1;
    view.setInt32(o, 2);
    view.setInt16(o + 4, value);
    return o + 6;
  }
  if (value < -2147483648 || value > 2147483647) return -1;
  view.setInt32(o, 4);
  view.setInt32(o + 4, value);
  return o + 8;
}

/** `-?[0-9]+` in int8's range; returns the new offset or -1. */
export function encodeBigInteger(
  src: Buffer,
  p: number,
  e: number,
  d: number,
  view: DataView,
  o: number,
): number {
  const negative = src[p] === minus;
  const start = negative ? p + 1 : p;
  let q = start;
  while (q < e && isDigit(src[q]!)) q++;
  if (q === start || (q < e && src[q] !== d)) return -1;
  fieldEnd[0] = q;
  view.setInt32(o, 8);
  if (q - start <= 15) {
    let value = 0;
    for (let i = start; i < q; i++) value = value * 10 + (src[i]! - digit0);
    if (negative) value = -value;
    const high = Math.floor(value / two32);
    view.setInt32(o + 4, high);
    view.setUint32(o + 8, value - high * two32);
    return o + 12;
  }
  const value = BigInt(src.toString('latin1', p, q));
  if (value < -9223372036854775808n || value > 9223372036854775807n) return -1;
  view.setBigInt64(o + 4, value);
  return o + 12;
}

/**
 * The double nearest `-?digits[.digits]([eE][+-]?digits)?` (what strtod gives), or NaN when the text does not follow
 * that grammar or names zero with non-zero digits (an underflow PostgreSQL rejects). Up to 15 digits without an
 * exponent: mantissa / 10^k, exact operands so correctly rounded (Clinger's fast path); else Number().
 */
function parseDecimal(src: Buffer, p: number, e: number, d: number): number {
  let i = src[p] === minus ? p + 1 : p;
  const digitsStart = i;
  let mantissa = 0;
  let digits = 0;
  let nonZero = false;
  while (i < e && isDigit(src[i]!)) {
    mantissa = mantissa * 10 + (src[i]! - digit0);
    nonZero ||= src[i] !== digit0;
    i++;
  }
  if (i === digitsStart) return Number.NaN;
  digits = i - digitsStart;
  let fraction = 0;
  if (i < e && src[i] === 0x2e) {
    const fractionStart = ++i;
    while (i < e && isDigit(src[i]!)) {
      mantissa = mantissa * 10 + (src[i]! - digit0);
      nonZero ||= src[i] !== digit0;
      i++;
    }
    fraction = i - fractionStart;
    if (fraction === 0) return Number.NaN;
    digits += fraction;
  }
  let exponent = false;
  if (i < e && (src[i] === 0x65 || src[i] === 0x45)) {
    exponent = true;
    i++;
    if (i < e && (src[i] === 0x2b || src[i] === minus)) i++;
    const exponentStart = i;
    while (i < e && isDigit(src[i]!)) i++;
    if (i === exponentStart) return Number.NaN;
  }
  if (i < e && src[i] !== d) return Number.NaN;
  const q = i;
  fieldEnd[0] = q;
  let value: number;
  if (!exponent && digits <= 15) {
    value = mantissa / pow10[fraction]!;
    if (src[p] === minus) value = -value;
  } else value = Number(src.toString('latin1', p, q));
  if (value === 0 && nonZero) return Number.NaN;
  return value;
}

/** A float8 in the strict grammar, finite, normal or zero; returns the new offset or -1. */
export function encodeFloat8(
  src: Buffer,
  p: number,
  e: number,
  d: number,
  view: DataView,
  o: number,
): number {
  const value = parseDecimal(src, p, e, d);
  if (Number.isNaN(value) || !Number.isFinite(value)) return -1;
  if (value !== 0 && Math.abs(value) < float8MinNormal) return -1;
  view.setInt32(o, 8);
  view.setFloat64(o + 4, value);
  return o + 12;
}

/**
 * A float4 in the strict grammar within float4's normal range. The double is rounded to float4; that is strtof's
 * result unless the double lies exactly midway between two float4 values (double rounding), which is refused.
 */
export function encodeFloat4(
  src: Buffer,
  p: number,
  e: number,
  d: number,
  view: DataView,
  o: number,
): number {
  const value = parseDecimal(src, p, e, d);
  if (Number.isNaN(value)) return -1;
  const magnitude = Math.abs(value);
  if (magnitude > float4Max || (value !== 0 && magnitude < float4MinNormal)) return -1;
  const rounded = Math.fround(value);
  if (rounded !== value) {
    float32[0] = rounded;
    float32Bits[0] = float32Bits[0]! + (magnitude > Math.abs(rounded) ? 1 : -1);
    if (value === (rounded + float32[0]!) / 2) return -1;
  }
  view.setInt32(o, 4);
  view.setFloat32(o + 4, rounded);
  return o + 8;
}

function twoDigits(src: Buffer, p: number): number {
  const high = src[p]! - digit0;
  const low = src[p + 1]! - digit0;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/** Days before each month's first day, in a common year. */
const daysBeforeMonth = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days from 0001-01-01 to January 1st of `year` (proleptic Gregorian). */
function daysBeforeYear(year: number): number {
  const y = year - 1;
  return y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

/** Days from 0001-01-01 to 2000-01-01, PostgreSQL's epoch. */
const postgresEpoch = daysBeforeYear(2000);

/** Days since 2000-01-01 of `YYYY-MM-DD` at `src[p]` (year 0001–9999, a real calendar day), or NaN. */
function postgresDays(src: Buffer, p: number): number {
  const century = twoDigits(src, p);
  const yearInCentury = twoDigits(src, p + 2);
  const month = twoDigits(src, p + 5);
  const day = twoDigits(src, p + 8);
  if (src[p + 4] !== minus || src[p + 7] !== minus || century < 0 || yearInCentury < 0) return Number.NaN;
  const year = century * 100 + yearInCentury;
  if (year < 1 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > monthDays) return Number.NaN;
  return (
    daysBeforeYear(year) + daysBeforeMonth[month]! + (leap && month > 2 ? 1 : 0) + day - 1 - postgresEpoch
  );
}

/** `YYYY-MM-DD`, a valid date; returns the new offset or -1. */
export function encodeDate(src: Buffer, p: number, e: number, d: number, view: DataView, o: number): number {
  const q = p + 10;
  if (q > e || (q < e && src[q] !== d)) return -1;
  fieldEnd[0] = q;
  const days = postgresDays(src, p);
  if (Number.isNaN(days)) return -1;
  view.setInt32(o, 4);
  view.setInt32(o + 4, days);
  return o + 8;
}

/** `YYYY-MM-DD HH:MM:SS[.f{1,6}]`, hour 00–23, minute and second 00–59; int64 µs since 2000-01-01, or -1. */
export function encodeTimestamp(
  src: Buffer,
  p: number,
  e: number,
  d: number,
  view: DataView,
  o: number,
): number {
  let q = p + 19;
  if (q > e) return -1;
  if (q < e && src[q] === 0x2e) {
    q++;
    while (q < e && isDigit(src[q]!)) q++;
  }
  if (q < e && src[q] !== d) return -1;
  const length = q - p;
  if (length !== 19 && (length < 21 || length > 26)) return -1;
  fieldEnd[0] = q;
  const days = postgresDays(src, p);
  if (Number.isNaN(days) || src[p + 10] !== 0x20 || src[p + 13] !== 0x3a || src[p + 16] !== 0x3a) return -1;
  const hour = twoDigits(src, p + 11);
  const minute = twoDigits(src, p + 14);
  const second = twoDigits(src, p + 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return -1;
  let micros = 0;
  if (length > 19) {
    if (src[p + 19] !== 0x2e) return -1;
    for (let i = p + 20; i < q; i++) {
      if (!isDigit(src[i]!)) return -1;
      micros = micros * 10 + (src[i]! - digit0);
    }
    micros *= pow10[26 - length]!;
  }
  // seconds * 1e6 + micros can pass 2^53: split seconds into high * 2^32 + low and carry exactly.
  const seconds = days * 86400 + hour * 3600 + minute * 60 + second;
  const secondsHigh = Math.floor(seconds / two32);
  const low = (seconds - secondsHigh * two32) * 1e6 + micros;
  const carry = Math.floor(low / two32);
  view.setInt32(o, 8);
  view.setInt32(o + 4, secondsHigh * 1e6 + carry);
  view.setUint32(o + 8, low - carry * two32);
  return o + 12;
}

/** `t`, `f`, `true`, `false`, `1` or `0`; returns the new offset or -1. */
export function encodeBool(src: Buffer, p: number, e: number, d: number, view: DataView, o: number): number {
  let q = p;
  while (q < e && q - p < 6 && src[q] !== d) q++;
  const text = q - p <= 5 ? src.toString('latin1', p, q) : '';
  fieldEnd[0] = q;
  const value =
    text === 't' || text === 'true' || text === '1'
      ? 1
      : text === 'f' || text === 'false' || text === '0'
        ? 0
        : -1;
  if (value < 0) return -1;
  view.setInt32(o, 1);
  view.setUint8(o + 4, value);
  return o + 5;
}
