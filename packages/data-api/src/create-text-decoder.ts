import type { ColumnKind } from './column-kind';
import type { DecodingOptions } from './create-row-decoder';

/** Throws a {@link DecodingError} for the column being decoded: the bad value, why, and the cause. */
export type DecodingFailure = (value: unknown, reason: string, cause?: unknown) => never;

/** Decodes one value from its text form (CSV results, and `stringValue` Fields). */
export type TextDecoder = (text: string) => unknown;

const trueTexts = new Set(['t', 'true', '1', 'y', 'yes', 'on']);
const falseTexts = new Set(['f', 'false', '0', 'n', 'no', 'off']);
const hexPattern = /^(?:\\x)?((?:[0-9a-fA-F]{2})*)$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timestampPattern = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;
const timestamptzPattern =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:([+-]\d{2})(?::?(\d{2}))?|Z)$/;

/** Builds the decoder of a column's text values for its kind and the decoding options. */
export function createTextDecoder(
  kind: ColumnKind,
  options: DecodingOptions,
  fail: DecodingFailure,
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

function toDate(iso: string, text: string, fail: DecodingFailure): Date {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? fail(text, 'not a valid date') : date;
}
