import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, formatJson } from './escape-control-characters';

describe('escapeControlCharacters', () => {
  it('shows C0, DEL, C1, line separators and bidirectional controls as escapes', () => {
    const text = 'a\u001b[31mb\u0007c\rd\u007fe\u009b2Jf\u2028g\u202eh\u2066i\u0000';

    expect(escapeControlCharacters(text)).toBe(
      'a\\u001b[31mb\\u0007c\\rd\\u007fe\\u009b2Jf\\u2028g\\u202eh\\u2066i\\u0000',
    );
  });

  it('escapes newlines and tabs unless the layout is kept', () => {
    expect(escapeControlCharacters('a\nb\tc')).toBe('a\\nb\\tc');
    expect(escapeControlCharacters('a\nb\tc\rd', { keepLayout: true })).toBe('a\nb\tc\\rd');
  });

  it('leaves printable text, including non-Latin scripts and emoji, unchanged', () => {
    const text = 'Zürich – 東京 🚕 "quoted" \\ backslash';

    expect(escapeControlCharacters(text)).toBe(text);
  });
});

describe('formatJson', () => {
  it('writes the control characters JSON.stringify leaves raw as \\u escapes that parse back to the same value', () => {
    const value = { text: 'x\u009b31m\u007f\u2028\u2029\u202e\u001b', count: 12n };

    const json = formatJson(value);

    expect(json).toBe('{"text":"x\\u009b31m\\u007f\\u2028\\u2029\\u202e\\u001b","count":"12"}');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that no control character is left.
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    expect(JSON.parse(json)).toEqual({ text: value.text, count: '12' });
  });
});
