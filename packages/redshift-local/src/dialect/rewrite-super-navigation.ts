import { isIdentifier, nameOf, type PartiqlFromItems, partiqlFromItems, pathEnd } from './partiql-from-items';
import { unnestItemSql } from './rewrite-partiql-unnest';
import { superComparisonLiteral } from './super-comparison-literal';
import { isSuperTextCast } from './super-text-cast';
import { quoteLiteral } from './token-list';
import type { Token } from './tokenize';

/**
 * SUPER navigation and PartiQL unnesting of one statement in PostgreSQL's spelling, over the local SUPER type
 * (jsonb). Redshift's rules (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html, "Navigation" and
 * "Unnesting queries"; lax mode, https://docs.aws.amazon.com/redshift/latest/dg/super-configurations.html):
 * a path into a missing key, past the end of an array or into a scalar is NULL, never an error.
 *
 * What is rewritten, only for paths written without whitespace (`c.c_orders[0].o_orderkey`, not `c . x`, which
 * stays as written):
 * - `[n]` and `['key']` subscripts stay as written (jsonb subscripting, PostgreSQL 14+: NULL when missing);
 * - `.attr` after a subscript → `['attr']` (`c.c_orders[0].o_orderkey` → `c.c_orders[0]['o_orderkey']`);
 * - dotted navigation without brackets, only where it cannot be a PostgreSQL name: after an explicit FROM alias,
 *   the third part on (`c.c_customer.c_name` with `FROM t c` → `c.c_customer['c_name']`), and after the alias of
 *   an unnested array, the second part on (`o.o_orderkey` → `o['o_orderkey']`). Any other dotted name
 *   (`schema.table.column`, `table.column`) is left to PostgreSQL.
 * - a string or number literal compared with such a path becomes a SUPER value ({@link superComparisonLiteral});
 *   such a path cast to a character or date/time type is read as its scalar's text first ({@link isSuperTextCast});
 * - `FROM …, c.c_orders [AS] o [AT i]` (a FROM item whose first part is a range variable declared before it in
 *   the same FROM list) → `LATERAL …` over the array's elements, index from 0 ({@link unnestItemSql}).
 *
 * Returns undefined when the statement has none of these, so that text without them stays byte for byte as
 * written. Aliases are read from every FROM list of the statement, without scoping.
 */
export function rewriteSuperNavigation(tokens: readonly Token[]): string | undefined {
  const items = partiqlFromItems(tokens);
  const unnestAt = new Map(items.unnests.map((item) => [item.from, item]));
  let output = '';
  let changed = false;
  // Output length before each token, to wrap a call that a subscript follows.
  const positions: number[] = [];
  /** After a SUPER path that starts at output position `start` and ends before token `end`: casts and comparisons. */
  const finishPath = (start: number, end: number): number => {
    if (isSuperTextCast(tokens, end)) {
      output = `${output.slice(0, start)}(${output.slice(start)} #>> '{}')`;
      changed = true;
      return end - 1;
    }
    const comparison = superComparisonLiteral(tokens, end);
    if (comparison === undefined) return end - 1;
    output += comparison.text;
    changed = true;
    return comparison.end - 1;
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    positions[index] = output.length;
    const subscripted = subscriptedParentheses(tokens, index);
    if (subscripted !== undefined) {
      // `json_parse('…')[0].a` → `(json_parse('…'))[0]['a']`: PostgreSQL subscripts a call only in parentheses.
      const end = pathEnd(tokens, index);
      const start = positions[subscripted.start]!;
      const tail = navigatePath(tokens, index, end, items, true);
      const head = output.slice(start);
      output = subscripted.wrap
        ? `${output.slice(0, start)}(${head}${tail.slice(0, 1)})${tail.slice(1)}`
        : `${output.slice(0, start)}${head}${tail}`;
      if (subscripted.wrap || tail !== text(tokens, index, end)) changed = true;
      index = finishPath(start, end);
      continue;
    }
    const unnest = unnestAt.get(index);
    if (unnest !== undefined) {
      const source = navigatePath(tokens, unnest.sourceFrom, unnest.sourceTo, items);
      output += unnestItemSql(source, unnest.alias, unnest.index);
      changed = true;
      index = unnest.to - 1;
      continue;
    }
    const previous = tokens[index - 1];
    if (!isIdentifier(token) || (previous?.type === 'punctuation' && previous.text === '.')) {
      output += token.text;
      continue;
    }
    const end = pathEnd(tokens, index);
    const original = text(tokens, index, end);
    const navigated = navigatePath(tokens, index, end, items);
    const start = output.length;
    output += navigated;
    index = end - 1;
    if (navigated !== original || items.unnestAliases.has(nameOf(token))) {
      changed ||= navigated !== original;
      index = finishPath(start, end);
    }
  }
  return changed ? output : undefined;
}

/**
 * The path `tokens[from..to)` with its navigation steps as jsonb subscripts: the leading parts that name a
 * column stay dotted (an unnest alias: 1 part; another FROM alias: 2; any other name: every part before the
 * first subscript), every `.attr` after them becomes `['attr']`.
 */
function navigatePath(
  tokens: readonly Token[],
  from: number,
  to: number,
  items: PartiqlFromItems,
  afterCall = false,
): string {
  const first = nameOf(tokens[from]!);
  let kept = Number.POSITIVE_INFINITY;
  if (items.unnestAliases.has(first)) kept = 1;
  else if (items.aliases.has(first)) kept = 2;
  let output = tokens[from]!.text;
  let parts = 1;
  let afterSubscript = afterCall;
  for (let index = from + 1; index < to; index++) {
    const token = tokens[index]!;
    if (token.type === 'punctuation' && token.text === '.' && index + 1 < to) {
      const part = tokens[index + 1]!;
      if (afterSubscript || parts >= kept) output += `[${quoteLiteral(nameOf(part))}]`;
      else output += `.${part.text}`;
      parts++;
      index++;
      continue;
    }
    if (token.type === 'punctuation' && token.text === ']') afterSubscript = true;
    output += token.text;
  }
  return output;
}

/** Words before a parenthesis that are not a function name (`select(a)[1]` is PostgreSQL already). */
const notCallNames = new Set(
  'select where and or not in on when then else from by as is return returning exists values case using having all any some distinct into set'.split(
    ' ',
  ),
);

/**
 * When `tokens[index]` is a `)` directly followed by `[`: where the parenthesised expression starts (a call's name,
 * with any qualifier, written right before its `(`; else the `(`), and whether it needs parentheses around it
 * (a call does, `(expr)[0]` does not). Undefined otherwise.
 */
function subscriptedParentheses(
  tokens: readonly Token[],
  index: number,
): { start: number; wrap: boolean } | undefined {
  const token = tokens[index]!;
  const next = tokens[index + 1];
  if (token.type !== 'punctuation' || token.text !== ')' || next?.type !== 'punctuation' || next.text !== '[')
    return undefined;
  let depth = 0;
  let open = index;
  for (; open >= 0; open--) {
    const candidate = tokens[open]!;
    if (candidate.type !== 'punctuation') continue;
    if (candidate.text === ')') depth++;
    else if (candidate.text === '(' && --depth === 0) break;
  }
  if (open < 0) return undefined;
  let name = open - 1;
  const word = tokens[name];
  if (word?.type !== 'word' || notCallNames.has(word.value)) return { start: open, wrap: false };
  while (name >= 2 && tokens[name - 1]!.text === '.' && isIdentifier(tokens[name - 2])) name -= 2;
  return { start: name, wrap: true };
}

function text(tokens: readonly Token[], from: number, to: number): string {
  let output = '';
  for (let index = from; index < to; index++) output += tokens[index]!.text;
  return output;
}
