const stripComments = (sql: string): string =>
  sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');

const constraintStart = /^(constraint|primary|unique|foreign|check|like)\b/i;

const likePattern = /^like\s+(?:"?\w+"?\.)?"?(\w+)"?(?:\s+(?:including|excluding)\s+defaults)?$/i;
/** Deepest chain of `(LIKE other)` tables followed, so a table defined like itself cannot loop. */
const maxLikeDepth = 8;

/**
 * Reads the column names, in order, of `CREATE TABLE [IF NOT EXISTS] [schema.]<table> (…)` in
 * Redshift SQL, following `(LIKE other_table)` to the other table's columns (a staging table that COPY
 * loads before its rows go to the real one); returns undefined when the text does not create that table.
 *
 * @example
 * tableColumnsFromSql('CREATE TABLE t (a INT, b VARCHAR(3)) SORTKEY(a);', 't'); // ['a', 'b']
 * tableColumnsFromSql('CREATE TABLE t (a INT); CREATE TEMP TABLE s (LIKE t);', 's'); // ['a']
 */
export function tableColumnsFromSql(sql: string, table: string, depth = 0): string[] | undefined {
  const definitions = columnDefinitions(stripComments(sql), table);
  if (definitions === undefined) return undefined;
  const like = definitions.length === 1 ? likePattern.exec(definitions[0]!) : null;
  if (like !== null && depth < maxLikeDepth) return tableColumnsFromSql(sql, like[1]!, depth + 1);
  return definitions
    .filter((definition) => !constraintStart.test(definition))
    .map((definition) => {
      const name = /^("([^"]+)"|([A-Za-z_][\w$]*))/.exec(definition);
      return (name?.[2] ?? name?.[3] ?? definition).toLowerCase();
    });
}

/** The comma-separated definitions between the parentheses of `CREATE TABLE <table> (…)`, trimmed. */
function columnDefinitions(text: string, table: string): string[] | undefined {
  const escaped = table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = new RegExp(
    `create\\s+(?:temp(?:orary)?\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?(?:"?\\w+"?\\.)?"?${escaped}"?\\s*\\(`,
    'i',
  ).exec(text);
  if (!start) return undefined;
  let depth = 1;
  let index = start.index + start[0].length;
  const bodyStart = index;
  for (; index < text.length && depth > 0; index++) {
    const character = text[index];
    if (character === '(') depth++;
    else if (character === ')') depth--;
  }
  const body = text.slice(bodyStart, index - 1);
  const definitions: string[] = [];
  let current = '';
  depth = 0;
  for (const character of body) {
    if (character === '(') depth++;
    if (character === ')') depth--;
    if (character === ',' && depth === 0) {
      definitions.push(current);
      current = '';
    } else current += character;
  }
  definitions.push(current);
  return definitions.map((definition) => definition.trim()).filter((definition) => definition.length > 0);
}
