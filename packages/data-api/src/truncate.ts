/** Cuts `text` to `length` characters, marking the cut with `…`; for SQL and values quoted in error messages. */
export function truncate(text: string, length = 200): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
