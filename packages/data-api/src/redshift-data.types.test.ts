import { describe, expectTypeOf, it } from 'vitest';
import { RedshiftData } from './redshift-data';
import type { RedshiftDataOptions } from './redshift-data-options';
import { sql } from './sql';
import type { SqlFragment, SqlStatement } from './sql-statement';
import type { StatementDescription } from './statement-description';

// These assertions are checked by `tsc --noEmit` (the package's typecheck script); a wrong type fails it.
const data = new RedshiftData({
  target: { workgroupName: 'wg', database: 'dev' },
  clientConfig: { region: 'us-east-1' },
});

interface Trip {
  trip_id: bigint;
  vendor: string;
  fare: string;
}

describe('query<Row> types', () => {
  it('returns the given row type', () => {
    expectTypeOf(data.query<Trip>).returns.resolves.toEqualTypeOf<Trip[]>();
    expectTypeOf(data.query<{ n: number }>)
      .returns.resolves.items.toHaveProperty('n')
      .toEqualTypeOf<number>();
  });

  it('returns plain records when no row type is given', () => {
    const untyped = () => data.query('select 1');
    expectTypeOf(untyped).returns.resolves.toEqualTypeOf<Record<string, unknown>[]>();
  });

  it('accepts interfaces without an index signature and rejects non-object row types', () => {
    expectTypeOf(data.query<Trip>).toBeCallableWith('select 1');
    // @ts-expect-error a row is an object keyed by column name
    data.query<string>;
  });

  it('accepts SQL text or a sql`…` statement', () => {
    expectTypeOf(data.query<Trip>)
      .parameter(0)
      .toEqualTypeOf<string | SqlStatement>();
    expectTypeOf(sql`select ${1}`).toEqualTypeOf<SqlFragment>();
  });

  it('types results() pages and collect() with the row type', () => {
    expectTypeOf(data.results<Trip>).returns.toEqualTypeOf<AsyncGenerator<Trip[], void, undefined>>();
    expectTypeOf(data.collect<Trip>).returns.resolves.toEqualTypeOf<Trip[]>();
    expectTypeOf(data.wait).returns.resolves.toEqualTypeOf<StatementDescription>();
  });

  it('accepts a client or client configuration, never both', () => {
    expectTypeOf<{ target: { workgroupName: 'wg'; database: 'dev' } }>().toExtend<RedshiftDataOptions>();
    // @ts-expect-error client and clientConfig together
    const both: RedshiftDataOptions = {
      client: data.client,
      clientConfig: {},
      target: { workgroupName: 'wg', database: 'dev' },
    };
    expectTypeOf(both).not.toBeAny();
  });
});
