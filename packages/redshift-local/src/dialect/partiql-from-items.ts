import { isTrivia, type Token } from './tokenize';

/**
 * What the FROM lists of one statement declare, for the PartiQL rewrites
 * (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html, "Unnesting queries"):
 * `aliases`: range variables given an explicit alias (`FROM t c`, `FROM t AS c`); `unnests`: FROM items
 * `c.orders [AS] o [AT i]` whose first part is a range variable declared before them in the same FROM list, and
 * `unnestAliases`: their aliases. A table without an alias is a range variable for unnesting (`FROM t, t.orders o`),
 * not for dotted navigation (`t.orders.x` stays a PostgreSQL name). Names are compared as Redshift folds them (unquoted words lower-cased).
 */
export interface PartiqlFromItems {
  readonly aliases: ReadonlySet<string>;
  readonly unnestAliases: ReadonlySet<string>;
  readonly unnests: readonly UnnestItem[];
}

/** One unnesting FROM item: tokens `from`..`to` (exclusive) hold `source [AS] alias [AT index]`. */
export interface UnnestItem {
  readonly from: number;
  readonly to: number;
  /** Token range of the source path (`c.c_orders`, `o.items`, `c.orders[0].lines`). */
  readonly sourceFrom: number;
  readonly sourceTo: number;
  readonly alias: Token;
  readonly index: Token | undefined;
}

/** Words that end a FROM item. */
const itemEnd = new Set([
  'where',
  'group',
  'having',
  'order',
  'limit',
  'offset',
  'union',
  'intersect',
  'except',
  'window',
  'qualify',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'on',
  'using',
  'into',
  'returning',
  // `x IS DISTINCT FROM y AND …`, `CASE WHEN a IS DISTINCT FROM b THEN …`: not a FROM list.
  'and',
  'or',
  'then',
  'else',
  'end',
  'when',
  'is',
  'for',
]);

/** An identifier as Redshift compares it: a word lower-cased, a quoted identifier as written. */
export function nameOf(token: Token): string {
  return token.value;
}

export function isIdentifier(token: Token | undefined): token is Token {
  return token !== undefined && (token.type === 'word' || token.type === 'quoted-identifier');
}

/**
 * End (exclusive) of the path starting at `start`: identifiers joined by `.` and `[…]` subscripts, written
 * without whitespace (`c.c_orders[0].o_orderkey`). Whitespace ends the path: plain SQL keeps `a . b` as written.
 */
export function pathEnd(tokens: readonly Token[], start: number): number {
  let index = start + 1;
  for (;;) {
    const token = tokens[index];
    if (token?.type === 'punctuation' && token.text === '.' && isIdentifier(tokens[index + 1])) {
      index += 2;
    } else if (token?.type === 'punctuation' && token.text === '[') {
      let close = index + 1;
      while (
        close < tokens.length &&
        !(tokens[close]!.type === 'punctuation' && tokens[close]!.text === ']')
      ) {
        if (tokens[close]!.type === 'punctuation' && tokens[close]!.text === '[') return index;
        close++;
      }
      if (close >= tokens.length) return index;
      index = close + 1;
    } else {
      return index;
    }
  }
}

/** Reads the FROM lists of a statement's tokens (every nesting level; names are not scoped). */
export function partiqlFromItems(tokens: readonly Token[]): PartiqlFromItems {
  const aliases = new Set<string>();
  const unnestAliases = new Set<string>();
  const unnests: UnnestItem[] = [];
  const next = (index: number): number => {
    let position = index;
    while (position < tokens.length && isTrivia(tokens[position]!)) position++;
    return position;
  };
  // Range variables of the FROM list open at each parenthesis depth.
  const lists = new Map<number, Set<string> | undefined>();
  let depth = 0;
  let itemStart = -1;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type === 'punctuation' && token.text === '(') depth++;
    else if (token.type === 'punctuation' && token.text === ')') {
      lists.delete(depth);
      depth--;
    } else if (token.type === 'punctuation' && token.text === ';') lists.clear();
    if (token.type === 'word' && token.value === 'from') {
      lists.set(depth, new Set());
      itemStart = next(index + 1);
    } else if (token.type === 'punctuation' && token.text === ',' && lists.get(depth) !== undefined) {
      itemStart = next(index + 1);
    } else if (token.type === 'word' && itemEnd.has(token.value)) {
      lists.set(depth, undefined);
    }
    if (index !== itemStart) continue;
    const names = lists.get(depth);
    if (names === undefined || !isIdentifier(token)) continue;
    let end = pathEnd(tokens, index);
    const isCall = tokens[end]?.type === 'punctuation' && tokens[end]!.text === '(';
    // A function in FROM (`UNNEST(o.products) AS p(product)`): its alias is a range variable, never an unnesting.
    if (isCall) end = closeOf(tokens, end) + 1;
    let cursor = next(end);
    if (tokens[cursor]?.type === 'word' && tokens[cursor]!.value === 'as') cursor = next(cursor + 1);
    const alias = tokens[cursor];
    if (
      !isIdentifier(alias) ||
      (alias.type === 'word' && (itemEnd.has(alias.value) || alias.value === 'at'))
    ) {
      // A table without an alias is a range variable under its own name (`FROM t, t.orders o`).
      const last = tokens[end - 1];
      if (!isCall && isIdentifier(last)) names.add(nameOf(last));
      continue;
    }
    let to = cursor + 1;
    let indexToken: Token | undefined;
    const at = next(to);
    if (tokens[at]?.type === 'word' && tokens[at]!.value === 'at' && isIdentifier(tokens[next(at + 1)])) {
      indexToken = tokens[next(at + 1)];
      to = next(at + 1) + 1;
    }
    const first = nameOf(token);
    const isUnnest = !isCall && end > index + 1 && tokens[index + 1]!.text === '.' && names.has(first);
    if (isUnnest) {
      unnests.push({ from: index, to, sourceFrom: index, sourceTo: end, alias, index: indexToken });
      unnestAliases.add(nameOf(alias));
    } else {
      aliases.add(nameOf(alias));
    }
    names.add(nameOf(alias));
    index = to - 1;
  }
  return { aliases, unnestAliases, unnests };
}

/** Index of the `)` closing the `(` at `open` (the last token when it is not closed). */
function closeOf(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type !== 'punctuation') continue;
    if (token.text === '(') depth++;
    else if (token.text === ')' && --depth === 0) return index;
  }
  return tokens.length - 1;
}
