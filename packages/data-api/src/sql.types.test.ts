import { describe, expectTypeOf, it } from 'vitest';
import { type SqlValueHint, sql } from './sql';
import type { SqlFragment, SqlStatement } from './sql-statement';

// Checked by `tsc --noEmit` (the package's typecheck script): a wrong type, or an expected
// error that does not happen, fails it. The template literals are built inside functions that are never called.

describe('sql tag types', () => {
  it('gives a SqlFragment, which execute and query accept as a SqlStatement', () => {
    expectTypeOf(sql`select ${1}`).toEqualTypeOf<SqlFragment>();
    expectTypeOf(sql`select ${1}`).toExtend<SqlStatement>();
  });

  it('accepts nullable values, arrays, nested fragments, identifiers and joins', () => {
    const note = null as string | null;
    const maybe = undefined as number | undefined;
    const ids: number[] = [1, 2];
    const build = () =>
      sql`insert into t select * from ${sql.identifier('public', 'trips')} where a = ${note} and b = ${maybe}
        and id in ${ids} and ${sql`c = ${new Date()}`} and (${sql.join([sql`d`, sql`e = ${1n}`], sql` or `)})`;
    expectTypeOf(build).returns.toEqualTypeOf<SqlFragment>();
  });

  it('rejects a value it cannot use, with a message that says what to pass instead', () => {
    const withObject = () =>
      // @ts-expect-error an object is not a value; the error shows SqlValueHint (JSON.stringify it)
      sql`select ${{ a: 1 }}`;
    const handMade: SqlStatement = { sql: 'select 1', parameters: [] };
    const withStatement = () =>
      // @ts-expect-error a hand-made { sql, parameters } is not a fragment
      sql`select ${handMade}`;
    const withSymbol = () =>
      // @ts-expect-error symbols cannot be bound
      sql`select ${Symbol('x')}`;
    const withNestedArray = () =>
      // @ts-expect-error an IN-list holds plain values
      sql`select ${[[1]]}`;
    expectTypeOf(withObject).returns.toEqualTypeOf<SqlFragment>();
    expectTypeOf(withStatement).returns.toEqualTypeOf<SqlFragment>();
    expectTypeOf(withSymbol).returns.toEqualTypeOf<SqlFragment>();
    expectTypeOf(withNestedArray).returns.toEqualTypeOf<SqlFragment>();
    expectTypeOf<SqlValueHint>().toExtend<string>();
  });

  it('takes at least one name in sql.identifier and a fragment as the separator of sql.join', () => {
    // @ts-expect-error sql.identifier needs a name
    const noName = () => sql.identifier();
    // @ts-expect-error the separator is a fragment such as sql` and `, never a string
    const stringSeparator = () => sql.join([sql`a`], ' and ');
    expectTypeOf(noName).returns.toEqualTypeOf<SqlFragment>();
    expectTypeOf(stringSeparator).returns.toEqualTypeOf<SqlFragment>();
  });
});
