import { InvalidParameterError } from './errors';
import { formatParameterValue } from './format-parameter-value';
import { quoteIdentifier } from './quote-identifier';
import {
  createFragment,
  type FragmentParts,
  fragmentParts,
  type SqlFragment,
  type SqlValue,
} from './sql-statement';

/**
 * What the compiler says when a `${…}` of the `sql` tag holds a value it cannot use; the text is the fix.
 *
 * @example
 * ```ts
 * sql`select ${{ a: 1 }}`; // error: … not assignable to parameter of type '"sql`…` cannot use this value: pass …"'
 * ```
 */
export type SqlValueHint =
  'sql`…` cannot use this value: pass a string, number, bigint, boolean, Date, null/undefined (NULL), an array of these (an IN-list) or a sql`…` fragment (a plain { sql, parameters } object is not one); quote names with sql.identifier(), JSON.stringify() objects';

/**
 * Keeps each value the tag accepts and turns any other into {@link SqlValueHint}, so the error names the fix.
 *
 * @example
 * ```ts
 * type Checked = CheckedSqlValues<[number, { a: 1 }]>; // [number, SqlValueHint]
 * ```
 */
export type CheckedSqlValues<Values extends readonly unknown[]> = {
  [Index in keyof Values]: Values[Index] extends SqlValue ? Values[Index] : SqlValueHint;
};

/**
 * The `sql` tag and its helpers `sql.identifier` and `sql.join`.
 *
 * @example
 * ```ts
 * const statement: SqlFragment = sql`select * from ${sql.identifier('public', 'trips')} where vendor_id in ${[1, 2]}`;
 * ```
 */
export interface SqlTag {
  <const Values extends readonly unknown[]>(
    strings: TemplateStringsArray,
    ...values: CheckedSqlValues<Values>
  ): SqlFragment;
  /**
   * A quoted, possibly qualified name (`sql.identifier('public', 'trips')` → `"public"."trips"`), for table
   * and column names chosen at run time. Redshift folds ASCII letters of quoted names to lowercase too,
   * unless `enable_case_sensitive_identifier` is on.
   */
  identifier(...names: [string, ...string[]]): SqlFragment;
  /** Fragments or values joined by `separator` (a fragment, `sql\`, \`` by default); values become parameters. */
  join(items: readonly SqlValue[], separator?: SqlFragment): SqlFragment;
}

function appendText(texts: string[], text: string): void {
  texts[texts.length - 1] += text;
}

/** Appends one interpolated value to the pieces being built: a parameter, a constant, an IN-list or a fragment. */
function appendValue(texts: string[], values: string[], value: unknown, position: number): void {
  const nested = fragmentParts(value);
  if (nested !== undefined) {
    appendText(texts, nested.texts[0] ?? '');
    for (let index = 0; index < nested.values.length; index++) {
      values.push(nested.values[index]!);
      texts.push(nested.texts[index + 1] ?? '');
    }
    return;
  }
  if (value === null || value === undefined) {
    appendText(texts, 'NULL');
  } else if (value === '') {
    // The Data API cannot bind '' (a parameter value has at least one character): the constant '' is
    // SQL this module writes, never text from the value.
    appendText(texts, "''");
  } else if (Array.isArray(value)) {
    appendList(texts, values, value, position);
  } else {
    values.push(formatParameterValue(`p${values.length + 1}`, value));
    texts.push('');
  }
}

function appendList(texts: string[], values: string[], list: readonly unknown[], position: number): void {
  if (list.length === 0) {
    throw new InvalidParameterError(
      `value ${position} of the sql template is an empty array; an IN-list needs at least one value (skip the condition, or write false, when there are none)`,
      `p${values.length + 1}`,
      list,
    );
  }
  appendText(texts, '(');
  list.forEach((item, index) => {
    if (index > 0) appendText(texts, ', ');
    if (Array.isArray(item) || fragmentParts(item) !== undefined) {
      throw new InvalidParameterError(
        `item ${index} of the array in value ${position} of the sql template is ${Array.isArray(item) ? 'an array' : 'a fragment'}; an IN-list holds plain values`,
        `p${values.length + 1}`,
        item,
      );
    }
    appendValue(texts, values, item, position);
  });
  appendText(texts, ')');
}

function tag(strings: TemplateStringsArray, ...values: readonly unknown[]): SqlFragment {
  const texts: string[] = [strings[0] ?? ''];
  const formatted: string[] = [];
  values.forEach((value, index) => {
    appendValue(texts, formatted, value, index + 1);
    appendText(texts, strings[index + 1] ?? '');
  });
  return createFragment({ texts, values: formatted });
}

function identifier(...names: string[]): SqlFragment {
  if (names.length === 0) {
    throw new InvalidParameterError('sql.identifier() needs at least one name', 'identifier', names);
  }
  const quoted = names.map((name, index) => quoteIdentifier(name, `${index + 1}`)).join('.');
  return createFragment({ texts: [quoted], values: [] });
}

const comma = createFragment({ texts: [', '], values: [] });

function join(items: readonly SqlValue[], separator: SqlFragment = comma): SqlFragment {
  const separatorParts: FragmentParts | undefined = fragmentParts(separator);
  if (separatorParts === undefined) {
    throw new InvalidParameterError(
      'the separator of sql.join() is not a sql`…` fragment; write it as sql`, ` or sql` and `',
      'separator',
      separator,
    );
  }
  if (!Array.isArray(items)) {
    throw new InvalidParameterError('sql.join() takes an array of fragments or values', 'items', items);
  }
  const texts: string[] = [''];
  const values: string[] = [];
  items.forEach((item, index) => {
    if (index > 0) appendValue(texts, values, separator, index);
    appendValue(texts, values, item, index + 1);
  });
  return createFragment({ texts, values });
}

/**
 * Tagged template that builds a statement whose values never become SQL text: each value is a named
 * Data API parameter (`:p1`, `:p2` …, formatted as Redshift parses it: numbers and bigints in decimal,
 * booleans as `true`/`false`, dates as UTC `YYYY-MM-DD HH:MM:SS.sss+00`). What the Data API cannot bind
 * becomes a constant this module writes: `null` and `undefined` become `NULL`, `''` becomes `''`.
 * An array becomes an IN-list of parameters `(:p1, :p2)`; a nested `sql` fragment is spliced in with its
 * parameters renumbered; `sql.identifier(...)` quotes names; `sql.join(items, separator)` joins.
 * `NaN`, `±Infinity`, invalid dates, empty arrays and other types throw {@link InvalidParameterError}.
 *
 * @example
 * ```ts
 * const recent = sql`pickup_at >= ${new Date('2024-01-01')}`;
 * const statement = sql`select * from trips where ${recent} and vendor_id in ${[1, 2]}`;
 * // statement.sql === 'select * from trips where pickup_at >= :p1 and vendor_id in (:p2, :p3)'
 * await data.execute(sql`insert into notes (trip_id, note) values (${7}, ${null})`); // … values (:p1, NULL)
 * ```
 */
export const sql: SqlTag = Object.assign(tag, { identifier, join });
