import { InvalidParameterError } from './errors';

const maxIdentifierBytes = 127;
// Control characters (C0, DEL, C1): not printable, so never part of a Redshift identifier.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Quotes one name as a Redshift delimited identifier: wrapped in double quotes, each embedded double
 * quote doubled. Rejects what Redshift rejects: an empty name, more than 127 bytes of UTF-8, characters
 * that are not printable.
 *
 * Redshift rules (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html): identifiers consist only
 * of UTF-8 printable characters, 1 to 127 bytes not counting the quotes; a delimited identifier may
 * contain any of them, a double quote written as two; ASCII letters are still folded to lowercase
 * unless `enable_case_sensitive_identifier` is on.
 *
 * @example
 * ```ts
 * quoteIdentifier('trips'); // '"trips"'
 * quoteIdentifier('say "hi"'); // '"say ""hi"""'
 * ```
 */
export function quoteIdentifier(name: unknown, position: string): string {
  if (typeof name !== 'string') {
    throw new InvalidParameterError(
      `identifier ${position} is ${name === null ? 'null' : typeof name}; pass the name as a string`,
      position,
      name,
    );
  }
  if (name.length === 0) {
    throw new InvalidParameterError(
      `identifier ${position} is empty; Redshift names have 1 to 127 bytes`,
      position,
      name,
    );
  }
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > maxIdentifierBytes) {
    throw new InvalidParameterError(
      `identifier ${position} ${JSON.stringify(name.slice(0, 40))}… has ${bytes} bytes of UTF-8; Redshift names have at most ${maxIdentifierBytes}`,
      position,
      name,
    );
  }
  if (controlCharacter.test(name)) {
    throw new InvalidParameterError(
      `identifier ${position} ${JSON.stringify(name)} contains a control character; Redshift names consist of printable characters only`,
      position,
      name,
    );
  }
  return `"${name.replaceAll('"', '""')}"`;
}
