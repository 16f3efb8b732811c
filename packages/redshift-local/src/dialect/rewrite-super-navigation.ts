import { isIdentifier, nameOf, type PartiqlFromItems, partiqlFromItems, pathEnd } from './partiql-from-items';
import { unnestItemSql } from './rewrite-partiql-unnest';
import { superComparisonLiteral } from './super-comparison-literal';
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
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    positions[index] = output.length;
    const subscripted = subscriptedCall(tokens, index);
    if (subscripted !== undefined) {
      // `json_parse('…')[0].a` → `(json_parse('…'))[0]['a']`: PostgreSQL subscripts a call only in parentheses.
      const end = pathEnd(tokens, index);
      const start = positions[subscripted]!;
      const tail = navigatePath(tokens, index, end, items, true);
      output = `${output.slice(0, start)}(${output.slice(start)}${tail.slice(0, 1)})${tail.slice(1)}`;
      changed = true;
      index = end - 1;
      const comparison = superComparisonLiteral(tokens, end);
      if (comparison !== undefined) {
        output += comparison.text;
        index = comparison.end - 1;
      }
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
    if (navigated !== original) changed = true;
    output += navigated;
    index = end - 1;
    const comparison =
      navigated !== original || items.unnestAliases.has(nameOf(token))
        ? superComparisonLiteral(tokens, end)
        : undefined;
    if (comparison !== undefined) {
      output += comparison.text;
      changed = true;
      index = comparison.end - 1;
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
 * When `tokens[index]` is the `)` of a call `name(…)` directly followed by `[`, the index of the call's first
 * token (its name, written right before the `(`, with any qualifier).
 */
function subscriptedCall(tokens: readonly Token[], index: number): number | undefined {
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
  let name = open - 1;
  const word = tokens[name];
  if (name < 0 || word?.type !== 'word' || notCallNames.has(word.value)) return undefined;
  while (name >= 2 && tokens[name - 1]!.text === '.' && isIdentifier(tokens[name - 2])) name -= 2;
  return name;
}

function text(tokens: readonly Token[], from: number, to: number): string {
  let output = '';
  for (let index = from; index < to; index++) output += tokens[index]!.text;
  return output;
}
