import type { CopyTokenCursor } from './copy-token-cursor';

/** The table a COPY loads and the columns it names (empty for all of them). */
export interface CopyTarget {
  /** The table name as written, parts joined by `.`. */
  table: string;
  columns: string[];
}

/**
 * Reads `table [(column, …)]` after COPY: identifiers joined by `.`, then an optional column list.
 *
 * @throws RedshiftSyntaxError when the table name is missing or the column list is malformed.
 * @example
 * ```ts
 * readCopyTarget(new CopyTokenCursor(tokenize(sql), sql, 1)); // { table: 'public.t', columns: ['a', 'b'] }
 * ```
 */
export function readCopyTarget(cursor: CopyTokenCursor): CopyTarget {
  return { table: readTable(cursor), columns: readColumns(cursor) };
}

/** The table name: identifier(s) joined by '.'. */
function readTable(cursor: CopyTokenCursor): string {
  let table = '';
  for (;;) {
    const token = cursor.peek();
    if (token === undefined || (token.type !== 'word' && token.type !== 'quoted-identifier'))
      cursor.fail('COPY needs a table name');
    table += token!.text;
    cursor.advance();
    if (cursor.peek()?.text === '.' && cursor.peek()?.type === 'punctuation') {
      table += '.';
      cursor.advance();
      continue;
    }
    break;
  }
  return table;
}

function readColumns(cursor: CopyTokenCursor): string[] {
  const columns: string[] = [];
  if (cursor.peek()?.type === 'punctuation' && cursor.peek()?.text === '(') {
    cursor.advance();
    for (;;) {
      const token = cursor.peek();
      if (token === undefined) cursor.fail('unterminated COPY column list');
      if (token!.type === 'word') columns.push(token!.value);
      else if (token!.type === 'quoted-identifier') columns.push(token!.value);
      else cursor.fail(`unexpected ${JSON.stringify(token!.text)} in COPY column list`);
      cursor.advance();
      const separator = cursor.peek();
      cursor.advance();
      if (separator?.text === ')') break;
      if (separator?.text !== ',') cursor.fail('COPY column list needs commas between column names');
    }
  }
  return columns;
}
