import { SqlSplitError } from './errors';

// Why this scanner is not redshift-local's tokenizer (`packages/redshift-local/src/dialect/tokenize.ts`,
// the one that the local dialect and parameter binding share): this file ships in the runner and
// setup Lambdas, and @shiftflow/redshift-local is a dev tool that brings PGlite with it, so the
// runner must not import it. The two are kept in agreement by one table of tricky scripts
// (`packages/redshift-local/test/dialect/statement-split-cases.ts`) that both splitters must split the
// same way: `src/split-sql-statements.agreement.test.ts` here and
// `test/dialect/statement-split-agreement.test.ts` in redshift-local. A lexical rule changed in one
// scanner gets a row in that table and the same change in the other.

/**
 * One statement of a SQL text.
 *
 * @example
 * ```ts
 * const [first]: SqlStatementText[] = splitSqlStatements('select 1; select 2'); // { sql: 'select 1', line: 1 }
 * ```
 */
export interface SqlStatementText {
  /** The statement without its terminating `;`, trimmed. */
  sql: string;
  /** 1-based line on which the statement starts. */
  line: number;
}

const dollarTagPattern = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let position = 0; position < index; position++) if (text.charCodeAt(position) === 10) line++;
  return line;
}

/** What a stretch of SQL text is, as {@link scanSql} reports it. */
export type SqlRegionKind = 'code' | 'comment' | 'quoted' | 'dollar-quoted' | 'semicolon';

/**
 * Walks SQL text and reports each region in order: comments (`--`, nested `/* *\/`), quoted
 * strings and identifiers (`''` escapes, `E'…'` backslash escapes), dollar-quoted bodies
 * (`$$…$$`, `$tag$…$tag$`), top-level `;` and single characters of other code. The splitter and the
 * setup renderer share it, so both read quotes and comments the same way.
 * Throws `SqlSplitError` naming the file and line of anything left open.
 *
 * @example
 * ```ts
 * scanSql("select ';' -- done", 'x.sql', (kind, start, end) => console.log(kind, start, end));
 * ```
 */
export function scanSql(
  text: string,
  file: string,
  visit: (kind: SqlRegionKind, start: number, end: number) => void,
): void {
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    const next = text[index + 1];
    if (character === '-' && next === '-') {
      const end = text.indexOf('\n', index);
      const stop = end === -1 ? text.length : end + 1;
      visit('comment', index, stop);
      index = stop;
    } else if (character === '/' && next === '*') {
      let depth = 1;
      let position = index + 2;
      while (position < text.length && depth > 0) {
        if (text[position] === '/' && text[position + 1] === '*') {
          depth++;
          position += 2;
        } else if (text[position] === '*' && text[position + 1] === '/') {
          depth--;
          position += 2;
        } else position++;
      }
      if (depth > 0) throw new SqlSplitError(file, lineAt(text, index), 'a /* comment');
      visit('comment', index, position);
      index = position;
    } else if (character === "'" || character === '"') {
      const backslashEscapes =
        character === "'" && /[eE]/.test(text[index - 1] ?? '') && !/\w/.test(text[index - 2] ?? '');
      let position = index + 1;
      for (;;) {
        if (position >= text.length) {
          throw new SqlSplitError(
            file,
            lineAt(text, index),
            character === "'" ? 'a string literal' : 'a quoted identifier',
          );
        }
        const current = text[position];
        if (backslashEscapes && current === '\\') position += 2;
        // Redshift reads \' and \\ in a plain literal as escapes too (redshift-local's tokenize agrees).
        else if (character === "'" && current === '\\' && /['\\]/.test(text[position + 1] ?? ''))
          position += 2;
        else if (current === character && text[position + 1] === character) position += 2;
        else if (current === character) break;
        else position++;
      }
      visit('quoted', index, position + 1);
      index = position + 1;
    } else if (character === '$' && !/[\w$]/.test(text[index - 1] ?? '')) {
      const tag = dollarTagPattern.exec(text.slice(index, index + 66))?.[0];
      if (tag === undefined) {
        visit('code', index, index + 1);
        index++;
        continue;
      }
      const close = text.indexOf(tag, index + tag.length);
      if (close === -1) throw new SqlSplitError(file, lineAt(text, index), `dollar quote ${tag}`);
      visit('dollar-quoted', index, close + tag.length);
      index = close + tag.length;
    } else if (character === ';') {
      visit('semicolon', index, index + 1);
      index++;
    } else {
      visit('code', index, index + 1);
      index++;
    }
  }
}

/**
 * Splits SQL text into statements at top-level `;`, skipping semicolons inside single-quoted strings
 * (`''` escapes, `E'…'` backslash escapes), quoted identifiers, `--` and nested `/* *\/` comments and
 * dollar-quoted bodies (`$$…$$`, `$tag$…$tag$`). Comments before a statement are left out, and
 * statements that hold only comments are dropped.
 * Throws `SqlSplitError` naming the file and line of anything left open.
 *
 * @example
 * ```ts
 * splitSqlStatements("create table t (a int); create procedure p() as $$ begin null; end; $$ language plpgsql;");
 * // [{ sql: 'create table t (a int)', line: 1 }, { sql: 'create procedure p() as $$ begin null; end; $$ language plpgsql', line: 1 }]
 * ```
 */
export function splitSqlStatements(text: string, file = '<sql>'): SqlStatementText[] {
  const statements: SqlStatementText[] = [];
  let codeStart: number | undefined;
  const finish = (end: number) => {
    if (codeStart !== undefined) {
      statements.push({ sql: text.slice(codeStart, end).trim(), line: lineAt(text, codeStart) });
    }
    codeStart = undefined;
  };
  scanSql(text, file, (kind, start, end) => {
    if (kind === 'semicolon') finish(start);
    else if (kind === 'quoted' || kind === 'dollar-quoted') codeStart ??= start;
    else if (kind === 'code' && codeStart === undefined && !/\s/.test(text.slice(start, end)))
      codeStart = start;
  });
  finish(text.length);
  return statements;
}
