import { NotEmulatedError } from './errors';
import { recordTableAttributes } from './record-table-attributes';
import { rewriteAdminStatement } from './rewrite-admin-statement';
import { escapeLiteral, rewriteBackslashStrings } from './rewrite-backslash-strings';
import { rewriteCopy } from './rewrite-copy';
import { rewriteExpressions } from './rewrite-expressions';
import { rewriteGetdateInBody } from './rewrite-getdate-in-body';
import { rewriteLateBindingView } from './rewrite-late-binding-view';
import { rewriteProcedureOutArguments } from './rewrite-procedure-out-arguments';
import { rewriteSearchPath } from './rewrite-search-path';
import { rewriteSuperNavigation } from './rewrite-super-navigation';
import { rewriteCreateMaterializedView, rewriteCreateTable } from './rewrite-table-definition';
import { rewriteTruncateInBody } from './rewrite-truncate';
import { rewriteUserStatement } from './rewrite-user-statement';
import { splitTokens } from './split-statements';
import { quoteLiteral, TokenList } from './token-list';
import { isTrivia, type Token, tokenize } from './tokenize';

/** Languages of procedure and function bodies that are translated recursively. */
const translatedLanguages = new Set(['plpgsql', 'sql']);

/**
 * Deepest nesting of procedure, function and DO bodies that are translated (a body that holds a
 * `CREATE PROCEDURE` whose body holds another, …): each level is tokenized and translated again, so
 * deeper nesting is refused with a NotEmulatedError.
 *
 * @example
 * ```ts
 * // 17 procedures, each created in the body of the one around it:
 * translateRedshiftSql(nestedProcedures); // throws NotEmulatedError: procedure, function or DO bodies nested more than 16 levels deep …
 * ```
 */
export const maxBodyDepth = 16;

/** plpgsql words after which a new SQL statement starts inside a body. */
const blockWords = new Set(['begin', 'then', 'else', 'loop', 'declare']);

/**
 * Translates Redshift SQL (one or more statements) into SQL that PostgreSQL and PGlite run with the
 * compatibility objects of {@link compatibilitySql}. Table attributes are dropped, Redshift types and
 * functions mapped, `COPY … FROM 's3://…'` turned into a call of the local S3 loader, and bodies of
 * `CREATE PROCEDURE`/`CREATE FUNCTION`/`DO` are translated the same way. Whitespace and comments are kept.
 *
 * @throws NotEmulatedError for Redshift constructs the local engine does not emulate (UNLOAD, COPY from
 * Parquet, external schemas, …).
 * @throws RedshiftSyntaxError for unterminated strings, comments or bodies and malformed COPY statements.
 * @example
 * ```ts
 * translateRedshiftSql('create table t (d date encode az64) sortkey(d); select nvl(a, 0), sysdate from t');
 * // 'create table t (d date ) ; select coalesce(a, 0), localtimestamp from t'
 * ```
 */
export function translateRedshiftSql(redshiftSql: string): string {
  const sql = rewriteBackslashStrings(redshiftSql);
  const statements = splitTokens(tokenize(sql));
  return statements.map((statement) => translateStatement(statement, sql)).join(';');
}

function translateStatement(tokens: Token[], sql: string, bodyDepth = 0, navigated = false): string {
  const list = new TokenList(tokens, sql);
  const first = list.nextSignificant(0);
  if (first >= tokens.length) return list.text(0, tokens.length);
  const words = leadingWords(list, first, 6);
  const statementText = list.text(0, tokens.length);
  const partiql = navigated ? undefined : rewriteSuperNavigation(tokens);
  if (partiql !== undefined) return translateStatement(tokenize(partiql), partiql, bodyDepth, true);

  if (words[0] === 'unload') throw new NotEmulatedError('UNLOAD', statementText);
  const admin = rewriteAdminStatement(tokens, words) ?? rewriteUserStatement(tokens, words);
  if (admin !== undefined) return admin;
  if (words[0] === 'copy') return rewriteCopy(tokens, statementText);
  if (words[0] === 'do') return translateBodies(list, statementText, true, bodyDepth + 1);
  if (words[0] === 'create') {
    const rest = words.slice(1).filter((word) => word !== 'or' && word !== 'replace');
    const kind = rest.filter((word) => !['temp', 'temporary', 'local'].includes(word));
    if (kind[0] === 'external')
      throw new NotEmulatedError(`CREATE EXTERNAL ${(kind[1] ?? '').toUpperCase()}`.trim(), statementText);
    if (kind[0] === 'library') throw new NotEmulatedError('CREATE LIBRARY', statementText);
    if (kind[0] === 'model') throw new NotEmulatedError('CREATE MODEL', statementText);
    if (kind[0] === 'datashare') throw new NotEmulatedError('CREATE DATASHARE', statementText);
    if (kind[0] === 'table') {
      const table = rewriteExpressions(tokenize(rewriteCreateTable(tokens, statementText)), statementText);
      const attributes = recordTableAttributes(tokens, statementText);
      if (attributes === undefined || tokens.some((token) => token.type === 'parameter')) return table;
      // In a body: two statements. At top level one statement (engines prepare statements one at a time).
      if (bodyDepth > 0) return `${table};\n${attributes}`;
      return `DO $shiftflow_table$ BEGIN EXECUTE ${escapeLiteral(table.trim())}; ${attributes}; END $shiftflow_table$`;
    }
    if (kind[0] === 'materialized' && kind[1] === 'view') {
      return rewriteExpressions(
        tokenize(rewriteCreateMaterializedView(tokens, statementText)),
        statementText,
      );
    }
    if (kind[0] === 'procedure' || kind[0] === 'function') {
      const header = new TokenList(rewriteProcedureOutArguments(tokens, statementText), statementText);
      return translateBodies(header, statementText, false, bodyDepth + 1);
    }
    if (kind[0] === 'view') {
      return rewriteLateBindingView(list, statementText) ?? rewriteExpressions(tokens, statementText);
    }
  }
  if (words[0] === 'truncate' && bodyDepth > 0) return rewriteTruncateInBody(tokens, sql);
  const searchPath = words[0] === 'set' ? rewriteSearchPath(list, first) : undefined;
  if (searchPath !== undefined) return searchPath;
  if ((words[0] === 'set' || words[0] === 'reset' || words[0] === 'show') && words.length >= 2) {
    const setting = redshiftSetting(list, first);
    if (setting !== undefined) return setting;
  }
  if (words[0] === 'alter' && words[1] === 'table' && words.includes('append')) {
    throw new NotEmulatedError('ALTER TABLE APPEND', statementText);
  }
  if (words[0] === 'alter' && words[1] === 'table') {
    const physical = physicalAlterTable(list, first);
    if (physical !== undefined) return physical;
  }
  if (words[0] === 'select') {
    const top = selectTop(list, first);
    if (top !== undefined) return rewriteExpressions(tokenize(top), statementText);
  }
  return rewriteExpressions(tokens, statementText);
}

/** `SELECT [DISTINCT] TOP n …` at the start of a statement → `SELECT [DISTINCT] … LIMIT n`. */
function selectTop(list: TokenList, first: number): string | undefined {
  let index = list.nextSignificant(first + 1);
  if (list.isWord(index, 'distinct', 'all')) index = list.nextSignificant(index + 1);
  const count = list.nextSignificant(index + 1);
  if (!list.isWord(index, 'top') || list.tokens[count]?.type !== 'number') return undefined;
  let end = list.tokens.length;
  while (end > 0 && isTrivia(list.tokens[end - 1]!)) end--;
  const trailing = list.text(end, list.tokens.length);
  return `${list.text(0, index)}${list.text(list.nextSignificant(count + 1), end)} LIMIT ${list.tokens[count]!.text}${trailing}`;
}

/**
 * `ALTER TABLE t ALTER DISTSTYLE … | DISTKEY … | [COMPOUND|INTERLEAVED] SORTKEY … | ENCODE …` and
 * `ALTER TABLE t ALTER COLUMN c ENCODE …` only change physical layout: the table is checked to exist and
 * nothing else happens, in a statement that returns no result set.
 */
function physicalAlterTable(list: TokenList, first: number): string | undefined {
  const tableStart = list.nextSignificant(list.nextSignificant(first + 1) + 1);
  let index = tableStart;
  let table = '';
  while (index < list.tokens.length) {
    const token = list.tokens[index]!;
    if (token.type !== 'word' && token.type !== 'quoted-identifier') return undefined;
    table += token.text;
    const next = list.nextSignificant(index + 1);
    if (!list.isPunctuation(next, '.')) {
      index = next;
      break;
    }
    table += '.';
    index = list.nextSignificant(next + 1);
  }
  if (!list.isWord(index, 'alter')) return undefined;
  const words = leadingWords(list, list.nextSignificant(index + 1), 4);
  const isPhysical =
    ['diststyle', 'distkey', 'sortkey', 'encode'].includes(words[0] ?? '') ||
    (['compound', 'interleaved'].includes(words[0] ?? '') && words[1] === 'sortkey') ||
    (words[0] === 'column' && words[2] === 'encode');
  if (!isPhysical || table === '' || table.includes('$')) return undefined;
  return `DO $shiftflow$ BEGIN PERFORM ${quoteLiteral(table)}::regclass; END $shiftflow$`;
}

/** Session settings that exist only in Redshift (workload management, result cache, …). */
const redshiftOnlySettings = new Set([
  'query_group',
  'wlm_query_slot_count',
  'enable_result_cache_for_session',
  'analyze_threshold_percent',
  'enable_case_sensitive_identifier',
  'auto_mv',
  'json_serialization_enable',
  'json_serialization_parse_nested_strings',
  'describe_field_name_in_uppercase',
  'mv_enable_aqmv_for_session',
]);

/**
 * `SET [SESSION|LOCAL] query_group TO …` (and RESET, SHOW) and other Redshift-only settings become settings of the
 * `shiftflow.` namespace: accepted, kept for the session and readable with SHOW, with no other effect.
 */
function redshiftSetting(list: TokenList, first: number): string | undefined {
  let index = list.nextSignificant(first + 1);
  if (list.isWord(index, 'session', 'local')) index = list.nextSignificant(index + 1);
  const token = list.tokens[index];
  if (token === undefined || token.type !== 'word' || !redshiftOnlySettings.has(token.value))
    return undefined;
  return `${list.text(0, index)}shiftflow.${token.value}${list.text(index + 1, list.tokens.length)}`;
}

function leadingWords(list: TokenList, from: number, count: number): string[] {
  const words: string[] = [];
  for (
    let index = from;
    index < list.tokens.length && words.length < count;
    index = list.nextSignificant(index + 1)
  ) {
    const token = list.tokens[index]!;
    if (token.type !== 'word') break;
    words.push(token.value);
  }
  return words;
}

/**
 * Translates the dollar-quoted bodies of `CREATE PROCEDURE/FUNCTION` or `DO`, and the rest of the statement's
 * expressions. Bodies in a language other than plpgsql or sql are not emulated. `bodyDepth`: how deep the
 * bodies are nested (1 for a top-level statement's bodies).
 */
function translateBodies(list: TokenList, statementText: string, isDo: boolean, bodyDepth: number): string {
  if (bodyDepth > maxBodyDepth) {
    throw new NotEmulatedError(
      `procedure, function or DO bodies nested more than ${maxBodyDepth} levels deep`,
      statementText,
    );
  }
  const languageIndex = list.tokens.findIndex((token) => token.type === 'word' && token.value === 'language');
  let language = isDo ? 'plpgsql' : 'sql';
  if (languageIndex >= 0) {
    const value = list.tokens[list.nextSignificant(languageIndex + 1)];
    if (value !== undefined) language = value.value.toLowerCase();
  }
  if (!translatedLanguages.has(language)) {
    throw new NotEmulatedError(`${isDo ? 'DO' : 'CREATE FUNCTION'} … LANGUAGE ${language}`, statementText);
  }
  let output = '';
  for (const [index, token] of list.tokens.entries()) {
    const previous = list.tokens[list.previousSignificant(index)];
    const isQuotedBody =
      token.type === 'string' &&
      token.tag === '' &&
      previous?.type === 'word' &&
      (previous.value === 'as' || (isDo && (previous.value === 'do' || previous.value === language)));
    if (isQuotedBody) {
      // A body in single quotes: translated like a dollar-quoted one, then quoted again.
      output += escapeLiteral(translateBody(token.value, bodyDepth));
    } else if (token.type === 'dollar-string') {
      const delimiter = `$${token.tag ?? ''}$`;
      const body = translateBody(token.value, bodyDepth);
      if (body.includes(delimiter)) {
        throw new NotEmulatedError(
          `a body whose translation contains its own delimiter ${delimiter}`,
          statementText,
        );
      }
      output += `${delimiter}${body}${delimiter}`;
    } else {
      output += token.text;
    }
  }
  // Expression rewrites for the header (argument defaults) never touch the bodies: they are single tokens.
  return rewriteExpressions(tokenize(output), statementText);
}

/**
 * Translates a plpgsql or SQL body: each statement inside (after BEGIN/THEN/ELSE/LOOP or a `;`) that is a
 * COPY, CREATE TABLE, CREATE MATERIALIZED VIEW or UNLOAD is rewritten; expressions are rewritten everywhere.
 * `bodyDepth`: how deep the body is nested (1 for the body of a top-level statement).
 */
export function translateBody(redshiftBody: string, bodyDepth = 1): string {
  const body = rewriteGetdateInBody(rewriteBackslashStrings(redshiftBody));
  const chunks = splitTokens(tokenize(body));
  return chunks
    .map((chunk) => {
      const list = new TokenList(chunk, body);
      const start = statementStart(list);
      if (start === undefined) {
        const navigated = rewriteSuperNavigation(chunk);
        if (navigated !== undefined) return rewriteExpressions(tokenize(navigated), navigated);
        return rewriteExpressions(chunk, body);
      }
      return (
        rewriteExpressions(chunk.slice(0, start), body) +
        translateStatement(chunk.slice(start), body, bodyDepth)
      );
    })
    .join(';');
}

/** Where the SQL statement of a body chunk starts, when it is one that needs a statement-level rewrite. */
function statementStart(list: TokenList): number | undefined {
  const candidates: number[] = [];
  const first = list.nextSignificant(0);
  if (first < list.tokens.length) candidates.push(first);
  let depth = 0;
  for (let index = 0; index < list.tokens.length; index++) {
    const token = list.tokens[index]!;
    if (token.type === 'punctuation' && token.text === '(') depth++;
    if (token.type === 'punctuation' && token.text === ')') depth--;
    const isBlockEnd =
      (token.type === 'word' && blockWords.has(token.value)) ||
      (token.type === 'operator' && token.text === '>>');
    if (depth === 0 && isBlockEnd) candidates.push(list.nextSignificant(index + 1));
  }
  for (const candidate of candidates) {
    const token = list.tokens[candidate];
    if (token === undefined || isTrivia(token) || token.type !== 'word') continue;
    if (token.value === 'copy' || token.value === 'unload' || token.value === 'truncate') return candidate;
    if (token.value === 'create') {
      const words = leadingWords(list, candidate, 6);
      if (
        words.includes('table') ||
        words.includes('materialized') ||
        words.includes('external') ||
        words.includes('library')
      ) {
        return candidate;
      }
    }
  }
  return undefined;
}
