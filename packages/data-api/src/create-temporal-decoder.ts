import type { DecodingOptions } from './decoding-options';
import type { DecodingFailure, TextDecoder } from './text-decoder';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timestampPattern = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;
const timestamptzPattern =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:([+-]\d{2})(?::?(\d{2}))?|Z)$/;

/**
 * Decodes `date`, `timestamp` and `timestamptz` text: kept as Redshift's text by default, or a `Date`
 * with `temporal: 'date'` (`date` and `timestamp` read as UTC; sub-millisecond digits dropped).
 */
export function createTemporalDecoder(
  kind: 'date' | 'timestamp' | 'timestamptz',
  options: DecodingOptions,
  fail: DecodingFailure,
): TextDecoder {
  if (options.temporal !== 'date') return (text) => text;
  switch (kind) {
    case 'date':
      return (text) =>
        datePattern.test(text) ? toDate(`${text}T00:00:00Z`, text, fail) : fail(text, 'not a date');
    case 'timestamp':
      return (text) => {
        const match = timestampPattern.exec(text);
        return match === null
          ? fail(text, 'not a timestamp')
          : toDate(`${match[1]}T${milliseconds(match[2]!)}Z`, text, fail);
      };
    default:
      return (text) => {
        const match = timestamptzPattern.exec(text);
        if (match === null) return fail(text, 'not a timestamp with time zone');
        const offset = match[3] === undefined ? 'Z' : `${match[3]}:${match[4] ?? '00'}`;
        return toDate(`${match[1]}T${milliseconds(match[2]!)}${offset}`, text, fail);
      };
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
