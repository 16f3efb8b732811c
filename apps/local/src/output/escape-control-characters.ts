/**
 * Characters a terminal may act on instead of showing: C0 controls (ESC starts escape sequences,
 * BEL rings, CR rewrites the line), DEL, C1 controls (U+009B is a one-byte CSI on some
 * terminals), the Unicode line and paragraph separators, and the bidirectional overrides and
 * isolates that reorder how a line reads ("Trojan Source", CVE-2021-42574).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Control characters without newline (kept in multi-line messages) and tab (harmless). */
const controlCharactersButLayout =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const shortForms: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * The escape of one control character, in JSON's own syntax (`\n`, `\r`, `\t`, `\u001b`), so
 * the same text is inert on a terminal and still valid inside a JSON string.
 */
function escapeCharacter(character: string): string {
  return shortForms[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Makes text from outside the program (SQL values, column names, error messages) inert on a
 * terminal: every control character is shown as its escape, e.g. ESC as `\u001b`, CR as `\r`.
 * With `keepLayout`, newlines and tabs stay as they are (for multi-line messages).
 *
 * @example
 * escapeControlCharacters('\u001b]0;pwned\u0007'); // '\\u001b]0;pwned\\u0007'
 * escapeControlCharacters('line 1\nline 2', { keepLayout: true }); // unchanged
 */
export function escapeControlCharacters(text: string, options: { keepLayout?: boolean } = {}): string {
  return text.replace(options.keepLayout ? controlCharactersButLayout : controlCharacters, escapeCharacter);
}

/**
 * JSON text that is inert on a terminal: `JSON.stringify` with bigints as decimal strings, and the
 * control characters it leaves raw (DEL, C1, U+2028/U+2029, bidirectional controls) written as
 * `\uXXXX` escapes, which JSON reads back as the same characters.
 *
 * @example
 * formatJson({ value: '\u009b31m', rows: 2n }); // '{"value":"\\u009b31m","rows":"2"}'
 */
export function formatJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? item.toString() : item,
  );
  // Outside strings JSON.stringify writes only ASCII punctuation, digits and letters, so every
  // match is inside a string, where a \uXXXX escape stands for the same character.
  return text === undefined ? 'null' : escapeControlCharacters(text);
}
