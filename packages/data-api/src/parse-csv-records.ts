import { DecodingError } from './errors';

/**
 * Parses CSV text (RFC 4180: `,` separated, `"` quoted with `""` escapes, `\n` or `\r\n` line ends) into
 * records. An unquoted empty value is `null`, a quoted empty value (`""`) is the empty string: the
 * distinction CSV results need for SQL NULL, which general CSV libraries flatten away.
 *
 * @example
 * ```ts
 * parseCsvRecords('1,"a,b",\n2,"",x\n'); // [['1', 'a,b', null], ['2', '', 'x']]
 * ```
 */
export function parseCsvRecords(text: string): (string | null)[][] {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let position = 0;
  const length = text.length;
  if (length === 0) return records;
  while (position <= length) {
    let value: string | null;
    if (text.charCodeAt(position) === 34 /* " */) {
      let end = position + 1;
      let content = '';
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote === -1) {
          throw new DecodingError({
            column: 'CSVRecords',
            typeName: 'csv',
            value: text.slice(position, position + 40),
            reason: `unterminated quoted value at offset ${position}`,
          });
        }
        content += text.slice(end, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          content += '"';
          end = quote + 2;
        } else {
          end = quote + 1;
          break;
        }
      }
      value = content;
      position = end;
    } else {
      let end = position;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === 44 || code === 10 || code === 13) break;
        end++;
      }
      value = end === position ? null : text.slice(position, end);
      position = end;
    }
    record.push(value);
    const code = text.charCodeAt(position);
    if (code === 44 /* , */) {
      position++;
      continue;
    }
    // End of line or end of text.
    records.push(record);
    record = [];
    if (code === 13 && text.charCodeAt(position + 1) === 10) position += 2;
    else if (code === 13 || code === 10) position++;
    else if (position < length) {
      throw new DecodingError({
        column: 'CSVRecords',
        typeName: 'csv',
        value: text.slice(position, position + 40),
        reason: `unexpected character after a quoted value at offset ${position}`,
      });
    }
    if (position >= length) break;
  }
  return records;
}
