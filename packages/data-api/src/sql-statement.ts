/**
 * A value the Data API can bind as a parameter; it is sent as text formatted the way Redshift parses it.
 *
 * @example
 * ```ts
 * const parameters: Record<string, ParameterValue> = { vendor: 2, since: new Date('2024-01-01'), active: true };
 * ```
 */
export type ParameterValue = string | number | bigint | boolean | Date;

/**
 * A named Data API parameter as the service receives it.
 *
 * @example
 * ```ts
 * const parameter: SqlParameter = { name: 'vendor', value: '2' };
 * ```
 */
export interface SqlParameter {
  name: string;
  value: string;
}

/**
 * SQL text with named parameters (`:p1` …): what `execute`, `executeBatch` and `query` accept
 * besides plain SQL text. The {@link sql} tag builds one (a {@link SqlFragment}).
 *
 * @example
 * ```ts
 * const statement: SqlStatement = { sql: 'select * from t where a = :p1', parameters: [{ name: 'p1', value: '42' }] };
 * ```
 */
export interface SqlStatement {
  readonly sql: string;
  readonly parameters: readonly SqlParameter[];
}

declare const sqlFragmentBrand: unique symbol;

/**
 * A statement built by the {@link sql} tag, `sql.identifier` or `sql.join`. Only fragments nest inside
 * another `sql` template: their text is SQL the program wrote, never a value. A hand-made
 * `{ sql, parameters }` object is a {@link SqlStatement} but not a fragment, so it cannot be nested.
 *
 * @example
 * ```ts
 * const recent: SqlFragment = sql`pickup_at >= ${new Date('2024-01-01')}`;
 * await data.query(sql`select count(*) from trips where ${recent} and vendor_id = ${2}`);
 * ```
 */
export interface SqlFragment extends SqlStatement {
  /** Type-level mark only: fragments are recognised at run time by identity, not by this key. */
  readonly [sqlFragmentBrand]: true;
}

/**
 * A value one `${…}` of the {@link sql} tag accepts: a parameter value, `null`/`undefined` (SQL `NULL`),
 * an array of those (an IN-list), or a nested {@link SqlFragment}.
 *
 * @example
 * ```ts
 * const values: SqlValue[] = [2, null, ['a', 'b'], sql`now()`];
 * ```
 */
export type SqlValue =
  | ParameterValue
  | null
  | undefined
  | SqlFragment
  | readonly (ParameterValue | null | undefined)[];

/**
 * A fragment's pieces: `texts` (SQL the program wrote, one more than `values`) and between each two
 * texts one parameter value, already formatted. Parameter names are given when the text is assembled,
 * which is what lets fragments nest with their parameters renumbered.
 */
export interface FragmentParts {
  readonly texts: readonly string[];
  readonly values: readonly string[];
}

// Recognised by identity, so a value that only looks like a fragment ({ sql, parameters } from JSON,
// say) can never put its text into a statement.
const partsOfFragment = new WeakMap<object, FragmentParts>();

/** Builds a frozen fragment from its pieces; `.sql` names the parameters `:p1` … in order. */
export function createFragment(parts: FragmentParts): SqlFragment {
  let text = parts.texts[0] ?? '';
  const parameters: SqlParameter[] = [];
  for (let index = 0; index < parts.values.length; index++) {
    const name = `p${index + 1}`;
    parameters.push({ name, value: parts.values[index]! });
    text += `:${name}${parts.texts[index + 1] ?? ''}`;
  }
  const statement: SqlStatement = Object.freeze({ sql: text, parameters: Object.freeze(parameters) });
  const fragment = statement as SqlFragment; // the brand is type-level only; identity is recorded below
  partsOfFragment.set(fragment, parts);
  return fragment;
}

/** The pieces of a fragment built by this module, or `undefined` for any other value. */
export function fragmentParts(value: unknown): FragmentParts | undefined {
  return typeof value === 'object' && value !== null ? partsOfFragment.get(value) : undefined;
}
