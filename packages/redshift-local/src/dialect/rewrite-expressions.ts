import { NotEmulatedError } from './errors';
import { quoteLiteral, TokenList } from './token-list';
import { isTrivia, type Token } from './tokenize';

/** Date parts whose first argument Redshift accepts as a bare keyword (`DATEADD(day, 1, d)`). */
const datePartFunctions = new Set(['dateadd', 'datediff', 'date_part', 'pgdate_part', 'date_trunc']);

/** Redshift date part names PostgreSQL's date_part/date_trunc/extract do not know. */
const datePartAliases = new Map([
  ['qtrs', 'quarter'],
  ['quarters', 'quarter'],
  ['dw', 'dow'],
  ['dayofweek', 'dow'],
  ['dy', 'doy'],
  ['dayofyear', 'doy'],
]);

/** Redshift types without a PostgreSQL counterpart. */
const notEmulatedTypes = new Set(['geometry', 'geography', 'hllsketch']);

/**
 * Rewrites Redshift expressions that PostgreSQL does not accept into equivalents:
 * `SYSDATE`, `NVL`, `NVL2`, `DECODE`, `LISTAGG … WITHIN GROUP`, bare date parts in
 * `DATEADD`/`DATEDIFF`/`DATE_PART`, `VARCHAR(MAX)` and Redshift type names after `::`.
 * Everything else, including whitespace and comments, is kept as written.
 */
export function rewriteExpressions(tokens: readonly Token[], sql: string, insideCast = false): string {
  const list = new TokenList(tokens, sql);
  let output = '';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type !== 'word' || list.isPunctuation(list.previousSignificant(index), '.')) {
      output += token.text;
      continue;
    }
    const next = list.nextSignificant(index + 1);
    const isCall = list.isPunctuation(next, '(');

    if (token.value === 'approximate' && list.isWord(next, 'count')) {
      // APPROXIMATE COUNT(DISTINCT x) is exact locally: the same result without the estimate's error.
      index = next - 1;
      continue;
    }

    if (token.value === 'sysdate' && !isCall && !list.isPunctuation(next, '.')) {
      output += 'localtimestamp';
      continue;
    }
    if (isCall && /^(n?varchar|varying|bpchar|n?char|character)$/.test(token.value)) {
      const close = list.matchParenthesis(next);
      const inner = list.splitArguments(next, close);
      if (inner.length === 1 && significantWords(inner[0]!) === 'max') {
        output += `${token.value === 'nvarchar' ? 'varchar' : token.text}(65535)`;
        index = close;
        continue;
      }
    }
    if (
      list.isWord(index, 'varbyte', 'varbinary') ||
      (list.isWord(index, 'binary') && list.isWord(next, 'varying'))
    ) {
      // VARBYTE[(n)] / VARBINARY[(n)] / BINARY VARYING[(n)] → bytea (no length in PostgreSQL).
      let end = token.value === 'binary' ? next : index;
      const afterType = list.nextSignificant(end + 1);
      if (list.isPunctuation(afterType, '(') && isTypePosition(list, index, insideCast))
        end = list.matchParenthesis(afterType);
      if (isTypePosition(list, index, insideCast)) {
        output += 'bytea';
        index = end;
        continue;
      }
    }
    if (list.isWord(index, 'nvarchar', 'nchar') && (isCall || isTypePosition(list, index, insideCast))) {
      output += token.value === 'nvarchar' ? 'varchar' : 'char';
      continue;
    }
    if (isTypePosition(list, index, insideCast)) {
      if (token.value === 'super') {
        output += 'jsonb';
        continue;
      }
      if ((token.value === 'numeric' || token.value === 'decimal') && !isCall) {
        // Redshift's NUMERIC without precision is NUMERIC(18,0).
        output += `${token.text}(18,0)`;
        continue;
      }
      if (notEmulatedTypes.has(token.value))
        throw new NotEmulatedError(`type ${token.value.toUpperCase()}`, sql);
    }
    if (!isCall) {
      output += token.text;
      continue;
    }

    const close = list.matchParenthesis(next);
    const argumentTokens = list.splitArguments(next, close);
    const untrimmed = argumentTokens.map((argument) =>
      rewriteExpressions(argument, sql, token.value === 'cast'),
    );
    const rewritten = untrimmed.map((argument) => argument.trim());
    const name = token.value;

    if (name === 'median' && rewritten.length === 1) {
      output += `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${rewritten[0]})`;
      index = close;
    } else if (name === 'convert' && rewritten.length === 2) {
      // Redshift's CONVERT(type, expression); PostgreSQL's convert(bytea, name, name) has three arguments.
      // Parsed as the type of `CAST(… AS type)` so that Redshift type names are mapped.
      const as: Token = { type: 'word', text: 'AS', value: 'as', start: -1 };
      const type = rewriteExpressions([as, ...argumentTokens[0]!], sql, true)
        .trim()
        .slice(2)
        .trim();
      output += `CAST(${rewritten[1]} AS ${type})`;
      index = close;
    } else if (name === 'nvl' && rewritten.length >= 2) {
      output += `coalesce(${rewritten.join(', ')})`;
      index = close;
    } else if (name === 'nvl2' && rewritten.length === 3) {
      output += `(CASE WHEN (${rewritten[0]}) IS NOT NULL THEN ${rewritten[1]} ELSE ${rewritten[2]} END)`;
      index = close;
    } else if (name === 'decode' && rewritten.length >= 3) {
      const [expression, ...pairs] = rewritten;
      let result = '(CASE';
      for (let pair = 0; pair + 1 < pairs.length; pair += 2) {
        result += ` WHEN (${expression}) IS NOT DISTINCT FROM (${pairs[pair]}) THEN ${pairs[pair + 1]}`;
      }
      if (pairs.length % 2 === 1) result += ` ELSE ${pairs.at(-1)}`;
      output += `${result} END)`;
      index = close;
    } else if (name === 'listagg') {
      const { text, end } = rewriteListagg(list, argumentTokens, rewritten, close, sql);
      output += text;
      index = end;
    } else if (datePartFunctions.has(name) && rewritten.length >= 2) {
      const part = argumentTokens[0]!.filter((part) => !isTrivia(part));
      const single = part.length === 1 ? part[0]! : undefined;
      const first =
        single !== undefined && (single.type === 'word' || (single.type === 'string' && single.tag === ''))
          ? quoteLiteral(datePartAliases.get(single.value.toLowerCase()) ?? single.value.toLowerCase())
          : rewritten[0];
      output += `${token.text}(${[first, ...rewritten.slice(1)].join(', ')})`;
      index = close;
    } else if (name === 'extract' && rewritten.length === 1) {
      const first = argumentTokens[0]!.find((part) => !isTrivia(part));
      const alias = first?.type === 'word' ? datePartAliases.get(first.value) : undefined;
      output +=
        alias === undefined
          ? `${token.text}(${untrimmed[0]})`
          : `${token.text}(${untrimmed[0]!.replace(first!.text, alias)})`;
      index = close;
    } else {
      output += `${token.text}${list.text(index + 1, next)}(${untrimmed.join(',')})`;
      index = close;
    }
  }
  return output;
}

function significantWords(tokens: readonly Token[]): string {
  return tokens
    .filter((token) => !isTrivia(token))
    .map((token) => token.value)
    .join(' ');
}

/** A word sits where a type name goes: after `::`, or after `AS` inside `CAST(`. */
function isTypePosition(list: TokenList, index: number, insideCast: boolean): boolean {
  const previous = list.previousSignificant(index);
  const token = list.tokens[previous];
  if (token?.type === 'operator' && token.text === '::') return true;
  return insideCast && token?.type === 'word' && token.value === 'as';
}

/**
 * `LISTAGG(expr [, delim]) [WITHIN GROUP (ORDER BY …)]` → `string_agg((expr)::text, delim [ORDER BY …])`.
 */
function rewriteListagg(
  list: TokenList,
  argumentTokens: Token[][],
  rewritten: string[],
  close: number,
  sql: string,
): { text: string; end: number } {
  if (rewritten.length < 1 || rewritten.length > 2) {
    throw new NotEmulatedError(`LISTAGG with ${rewritten.length} arguments`, sql);
  }
  let expression = rewritten[0]!;
  let distinct = '';
  const firstTokens = argumentTokens[0]!.filter((token) => !isTrivia(token));
  if (firstTokens[0]?.type === 'word' && firstTokens[0].value === 'distinct') {
    distinct = 'DISTINCT ';
    expression = rewriteExpressions(
      argumentTokens[0]!.slice(argumentTokens[0]!.indexOf(firstTokens[0]) + 1),
      sql,
    ).trim();
  }
  const delimiter = rewritten[1] ?? "''";
  let end = close;
  let orderBy = '';
  const within = list.nextSignificant(close + 1);
  if (list.isWord(within, 'within')) {
    const group = list.nextSignificant(within + 1);
    const open = list.nextSignificant(group + 1);
    if (list.isWord(group, 'group') && list.isPunctuation(open, '(')) {
      const groupClose = list.matchParenthesis(open);
      orderBy = ` ${rewriteExpressions(list.tokens.slice(open + 1, groupClose), sql).trim()}`;
      end = groupClose;
    }
  }
  if (distinct !== '' && orderBy !== '') {
    // PostgreSQL requires ORDER BY expressions of a DISTINCT aggregate to appear in its arguments.
    return { text: `string_agg(DISTINCT (${expression})::text, ${delimiter}${orderBy})`, end };
  }
  return { text: `string_agg(${distinct}(${expression})::text, ${delimiter}${orderBy})`, end };
}
