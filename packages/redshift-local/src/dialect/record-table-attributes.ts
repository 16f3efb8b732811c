import { quoteLiteral, TokenList } from './token-list';
import type { Token } from './tokenize';

/** The physical attributes of a Redshift CREATE TABLE, which the dialect drops from the PostgreSQL table. */
interface TableAttributes {
  diststyle?: string;
  distkey?: string;
  sortkey: string[];
  interleaved: boolean;
  encodings: Record<string, string>;
}

/**
 * For a `CREATE TABLE` with DISTSTYLE, DISTKEY, [COMPOUND | INTERLEAVED] SORTKEY or ENCODE, the statement that
 * records them in `shiftflow_compat.table_attributes`, where PG_TABLE_DEF (`distkey`, `sortkey`, `encoding`) and
 * SVV_TABLE_INFO (`diststyle`, `sortkey1`, `sortkey_num`) read them
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_PG_TABLE_DEF.html); undefined when it has none. The PostgreSQL
 * table itself has no such attributes: this is catalog information only.
 */
export function recordTableAttributes(tokens: readonly Token[], sql: string): string | undefined {
  const list = new TokenList(tokens, sql);
  const significant = tokens
    .map((_, index) => index)
    .filter((index) => list.nextSignificant(index) === index);
  const word = (position: number): string | undefined => {
    const token = tokens[significant[position] ?? -1];
    return token?.type === 'word' ? token.value : undefined;
  };
  const name = tableName(list, significant);
  if (name === undefined) return undefined;
  const attributes: TableAttributes = { sortkey: [], interleaved: false, encodings: {} };
  let depth = 0;
  let column: string | undefined;
  let atDefinitionStart = false;
  for (let position = 0; position < significant.length; position++) {
    const token = tokens[significant[position]!]!;
    if (token.type === 'punctuation' && token.text === '(') {
      depth++;
      atDefinitionStart = depth === 1;
      continue;
    }
    if (token.type === 'punctuation' && token.text === ')') depth--;
    if (token.type === 'punctuation' && token.text === ',' && depth === 1) atDefinitionStart = true;
    if (depth === 1 && atDefinitionStart && (token.type === 'word' || token.type === 'quoted-identifier')) {
      column = token.value;
      atDefinitionStart = false;
      continue;
    }
    if (token.type !== 'word') continue;
    if (depth === 1 && column !== undefined) {
      if (token.value === 'sortkey') attributes.sortkey.push(column);
      if (token.value === 'distkey') attributes.distkey = column;
      const encoding = word(position + 1);
      if (token.value === 'encode' && encoding !== undefined) attributes.encodings[column] = encoding;
    } else if (depth === 0) {
      if (token.value === 'diststyle' && word(position + 1) !== undefined)
        attributes.diststyle = word(position + 1)!.toUpperCase();
      if (token.value === 'interleaved' && word(position + 1) === 'sortkey') attributes.interleaved = true;
      if (token.value === 'distkey' || token.value === 'sortkey') {
        const columns = parenthesized(list, significant[position + 1]);
        if (token.value === 'distkey' && columns[0] !== undefined) attributes.distkey = columns[0];
        if (token.value === 'sortkey') attributes.sortkey.push(...columns);
      }
    }
  }
  const hasAttributes =
    attributes.diststyle !== undefined ||
    attributes.distkey !== undefined ||
    attributes.sortkey.length > 0 ||
    Object.keys(attributes.encodings).length > 0;
  if (!hasAttributes) return undefined;
  const diststyle =
    attributes.distkey !== undefined ? `KEY(${attributes.distkey})` : (attributes.diststyle ?? 'EVEN');
  const sortkey = `ARRAY[${attributes.sortkey.map(quoteLiteral).join(', ')}]::text[]`;
  const values = `${quoteLiteral(name)}::regclass::oid, ${quoteLiteral(diststyle)}, ${attributes.distkey === undefined ? 'NULL' : quoteLiteral(attributes.distkey)}, ${sortkey}, ${attributes.interleaved}, ${quoteLiteral(JSON.stringify(attributes.encodings))}::jsonb`;
  return (
    'INSERT INTO shiftflow_compat.table_attributes (table_oid, diststyle, distkey, sortkey, interleaved, encodings) ' +
    `VALUES (${values}) ON CONFLICT (table_oid) DO UPDATE SET diststyle = excluded.diststyle, distkey = excluded.distkey, ` +
    'sortkey = excluded.sortkey, interleaved = excluded.interleaved, encodings = excluded.encodings'
  );
}

/** The table's name as written (`schema.table` kept), after `TABLE [IF NOT EXISTS]`. */
function tableName(list: TokenList, significant: readonly number[]): string | undefined {
  const tableAt = significant.findIndex((index) => list.isWord(index, 'table'));
  if (tableAt < 0) return undefined;
  let position = tableAt + 1;
  if (list.isWord(significant[position]!, 'if')) position += 3;
  let name = '';
  for (;;) {
    const token = list.tokens[significant[position] ?? -1];
    if (token === undefined || (token.type !== 'word' && token.type !== 'quoted-identifier'))
      return undefined;
    name += token.text;
    if (!list.isPunctuation(significant[position + 1] ?? -1, '.')) return name;
    name += '.';
    position += 2;
  }
}

/** The column names in the parentheses at `open`, or none when `open` is not a `(`. */
function parenthesized(list: TokenList, open: number | undefined): string[] {
  if (open === undefined || !list.isPunctuation(open, '(')) return [];
  const close = list.matchParenthesis(open);
  return list
    .splitArguments(open, close)
    .map((part) => part.find((token) => token.type === 'word' || token.type === 'quoted-identifier')?.value)
    .filter((value) => value !== undefined);
}
