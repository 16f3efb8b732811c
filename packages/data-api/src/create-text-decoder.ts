import type { ColumnKind } from './column-kind';
import { createTemporalDecoder } from './create-temporal-decoder';
import { decodeInt8 } from './decode-int8';
import type { DecodingOptions } from './decoding-options';
import type { DecodingFailure, TextDecoder } from './text-decoder';

export type { DecodingFailure, TextDecoder } from './text-decoder';

const trueTexts = new Set(['t', 'true', '1', 'y', 'yes', 'on']);
const falseTexts = new Set(['f', 'false', '0', 'n', 'no', 'off']);
const hexPattern = /^(?:\\x)?((?:[0-9a-fA-F]{2})*)$/;

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
        return decodeInt8(value, options.int8, fail);
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
    case 'timestamp':
    case 'timestamptz':
      return createTemporalDecoder(kind, options, fail);
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
