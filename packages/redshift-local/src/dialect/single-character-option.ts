import { RedshiftSyntaxError } from './errors';

/**
 * Checks that the value of a COPY option such as QUOTE or DELIMITER is one character.
 *
 * @throws RedshiftSyntaxError when it is not.
 * @example
 * ```ts
 * singleCharacterOption('QUOTE', "'", sql); // "'"
 * ```
 */
export function singleCharacterOption(option: string, value: string, sql: string): string {
  if (value.length !== 1)
    throw new RedshiftSyntaxError(
      `COPY ${option} must be one character, got ${JSON.stringify(value)}`,
      sql,
      0,
    );
  return value;
}
