import { singleCharacterOption } from './single-character-option';

/**
 * The character a COPY DELIMITER value stands for: Redshift reads escapes in it, `'\t'` is a tab and
 * `'\NNN'` an octal byte.
 *
 * @throws RedshiftSyntaxError when the value is not one character (nor one of those escapes).
 * @example
 * ```ts
 * copyDelimiter('\\t', sql); // '\t'
 * copyDelimiter('\\174', sql); // '|'
 * ```
 */
export function copyDelimiter(value: string, sql: string): string {
  if (value === '\\t') return '\t';
  const octal = /^\\([0-7]{3})$/.exec(value);
  if (octal) return String.fromCharCode(Number.parseInt(octal[1]!, 8));
  return singleCharacterOption('DELIMITER', value, sql);
}
