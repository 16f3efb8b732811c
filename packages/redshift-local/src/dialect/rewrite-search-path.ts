/**
 * `SET search_path` keeps the compatibility schema on the path. Redshift's own functions (GETDATE,
 * DATEADD, NVL …) live in its catalog and resolve whatever `search_path` a user sets; locally they
 * live in the schema `shiftflow_compat`, so a user's `SET search_path TO my_schema` would hide them.
 * The schema is added before `pg_catalog` (added too when the list does not name it, as the default
 * path `"$user", public, shiftflow_compat, pg_catalog` does). `SET search_path TO DEFAULT` is left alone.
 */
import { compatibilitySchema } from './compatibility-sql';
import type { TokenList } from './token-list';

/**
 * The statement with `shiftflow_compat` put on its search path, or undefined when it does not set
 * `search_path` (or names the schema already, or sets DEFAULT).
 *
 * @example
 * rewriteSearchPath(new TokenList(tokenize('set search_path to sales'), sql), 0);
 * // 'set search_path to sales, shiftflow_compat, pg_catalog'
 */
export function rewriteSearchPath(list: TokenList, first: number): string | undefined {
  let index = list.nextSignificant(first + 1);
  if (list.isWord(index, 'session', 'local')) index = list.nextSignificant(index + 1);
  if (!list.isWord(index, 'search_path')) return undefined;
  const assign = list.nextSignificant(index + 1);
  const token = list.tokens[assign];
  const isAssign = list.isWord(assign, 'to') || (token?.type === 'operator' && token.text === '=');
  if (!isAssign) return undefined;
  const valueStart = list.nextSignificant(assign + 1);
  const names: { index: number; name: string }[] = [];
  for (
    let position = valueStart;
    position < list.tokens.length;
    position = list.nextSignificant(position + 1)
  ) {
    const value = list.tokens[position]!;
    if (value.type === 'punctuation' && value.text === ',') continue;
    names.push({ index: position, name: value.value.toLowerCase() });
  }
  if (names.length === 0 || (names.length === 1 && list.isWord(valueStart, 'default'))) return undefined;
  if (names.some((item) => item.name === compatibilitySchema)) return undefined;
  const catalog = names.find((item) => item.name === 'pg_catalog');
  if (catalog !== undefined) {
    return `${list.text(0, catalog.index)}${compatibilitySchema}, ${list.text(catalog.index, list.tokens.length)}`;
  }
  const last = names.at(-1)!.index + 1;
  return `${list.text(0, last)}, ${compatibilitySchema}, pg_catalog${list.text(last, list.tokens.length)}`;
}
