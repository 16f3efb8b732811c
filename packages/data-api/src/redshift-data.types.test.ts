import { describe, expectTypeOf, it } from 'vitest';
import { isNullableString, isNumber, rowSchema } from './__fixtures__/row-schema';
import { RedshiftData } from './redshift-data';
import { RedshiftDataApi } from './redshift-data-api';
import type { RedshiftDataOptions } from './redshift-data-options';
import { sql } from './sql';
import type { SqlStatement } from './sql-statement';
import type { InferRow, StandardSchemaV1 } from './standard-schema';
import type { StatementDescription } from './statement-description';

// These assertions are checked by `tsc --noEmit` (the package's typecheck script); a wrong type fails it.
// The calls sit in functions that are never called: only their types matter here.
const data = new RedshiftDataApi({
  target: { workgroupName: 'wg', database: 'dev' },
  clientConfig: { region: 'us-east-1' },
});

interface Trip {
  trip_id: number;
  vendor: string;
}

const tripSchema = rowSchema<{ trips: number; note: string | null }>({
  trips: isNumber,
  note: isNullableString,
});

describe('query types', () => {
  it('infers rows from a Standard Schema', () => {
    const typed = () => data.query('select count(*) as trips, null as note', { schema: tripSchema });
    expectTypeOf(typed).returns.resolves.toEqualTypeOf<{ trips: number; note: string | null }[]>();
    expectTypeOf<InferRow<typeof tripSchema>>().toEqualTypeOf<{ trips: number; note: string | null }>();
    const withOptions = () => data.query(sql`select ${1} as trips`, { schema: tripSchema, timeoutMs: 1000 });
    expectTypeOf(withOptions).returns.resolves.items.toHaveProperty('trips').toEqualTypeOf<number>();
  });

  it('types rows from results() and collect() with a schema too', () => {
    const pages = () => data.results('id', { schema: tripSchema });
    const all = () => data.collect('id', { schema: tripSchema });
    expectTypeOf(pages).returns.toEqualTypeOf<
      AsyncGenerator<{ trips: number; note: string | null }[], void, undefined>
    >();
    expectTypeOf(all).returns.resolves.toEqualTypeOf<{ trips: number; note: string | null }[]>();
  });

  it('gives rows of unknown values without a schema, never a free cast', () => {
    const untyped = () => data.query('select 1');
    expectTypeOf(untyped).returns.resolves.toEqualTypeOf<Record<string, unknown>[]>();
    const untypedAll = () => data.collect('id');
    expectTypeOf(untypedAll).returns.resolves.toEqualTypeOf<Record<string, unknown>[]>();
  });

  it('still accepts a row type argument (deprecated: an unchecked cast), for existing callers', () => {
    const cast = () => data.query<Trip>('select 1');
    expectTypeOf(cast).returns.resolves.toEqualTypeOf<Trip[]>();
    const castPages = () => data.results<Trip>('id');
    expectTypeOf(castPages).returns.toEqualTypeOf<AsyncGenerator<Trip[], void, undefined>>();
    const castAll = () => data.collect<Trip>('id');
    expectTypeOf(castAll).returns.resolves.toEqualTypeOf<Trip[]>();
    // @ts-expect-error a row is an object keyed by column name
    const notObject = () => data.query<string>('select 1');
    expectTypeOf(notObject).not.toBeAny();
  });

  it('rejects a schema whose rows are not objects', () => {
    const numberSchema = {} as StandardSchemaV1<unknown, number>;
    // @ts-expect-error a row schema must give an object
    const wrong = () => data.query('select 1', { schema: numberSchema });
    expectTypeOf(wrong).not.toBeAny();
  });

  it('accepts SQL text or a sql`…` statement', () => {
    expectTypeOf(data.execute).parameter(0).toEqualTypeOf<string | SqlStatement>();
    const fromTag = () => data.query(sql`select ${1}`);
    expectTypeOf(fromTag).returns.resolves.toEqualTypeOf<Record<string, unknown>[]>();
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

  it('keeps RedshiftData as an alias of RedshiftDataApi (value and type)', () => {
    expectTypeOf<RedshiftData>().toEqualTypeOf<RedshiftDataApi>();
    expectTypeOf(RedshiftData).toEqualTypeOf<typeof RedshiftDataApi>();
  });

  it('accepts options read from optional fields under exactOptionalPropertyTypes', () => {
    const handle: { id: string; sessionId?: string } = { id: 'x' };
    const inSession = () => data.query('select 1', { sessionId: handle.sessionId, timeoutMs: undefined });
    expectTypeOf(inSession).returns.resolves.toEqualTypeOf<Record<string, unknown>[]>();
  });
});
