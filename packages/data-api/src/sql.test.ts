import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from './errors';
import { sql } from './sql';
import type { SqlFragment, SqlStatement } from './sql-statement';

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('sql', () => {
  it('turns interpolated values into named parameters :p1, :p2 and keeps them out of the SQL text', () => {
    const vendor = "2'; drop table trips; --";
    const statement = sql`select * from trips where vendor = ${vendor} and fare > ${10}`;
    expect(statement.sql).toBe('select * from trips where vendor = :p1 and fare > :p2');
    expect(statement.parameters).toEqual([
      { name: 'p1', value: vendor },
      { name: 'p2', value: '10' },
    ]);
  });

  it('gives SQL without values and no parameters for a template without interpolations', () => {
    expect(sql`select 1`).toEqual({ sql: 'select 1', parameters: [] });
    expect(JSON.parse(JSON.stringify(sql`select 1`))).toEqual({ sql: 'select 1', parameters: [] });
  });

  it('formats each supported type the way Redshift parses it', () => {
    const statement = sql`${'text'} ${42} ${-1.5} ${12345678901234567890n} ${true} ${false} ${new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))}`;
    expect(statement.parameters.map((parameter) => parameter.value)).toEqual([
      'text',
      '42',
      '-1.5',
      '12345678901234567890',
      'true',
      'false',
      '2024-01-02 03:04:05.678+00',
    ]);
  });

  it('writes null and undefined as the constant NULL and numbers the other parameters without gaps', () => {
    const note: string | null = null;
    const statement = sql`insert into notes values (${1}, ${note}, ${undefined}, ${'x'})`;
    expect(statement.sql).toBe('insert into notes values (:p1, NULL, NULL, :p2)');
    expect(statement.parameters).toEqual([
      { name: 'p1', value: '1' },
      { name: 'p2', value: 'x' },
    ]);
  });

  it("writes the empty string as the constant '' (the Data API cannot bind it)", () => {
    const statement = sql`insert into notes values (${''}, ${'a'})`;
    expect(statement.sql).toBe("insert into notes values ('', :p1)");
    expect(statement.parameters).toEqual([{ name: 'p1', value: 'a' }]);
  });

  it('turns an array into a parenthesised IN-list of parameters', () => {
    const statement = sql`select * from trips where vendor_id in ${[1, 2, 3]} and zone in ${['a', null]}`;
    expect(statement.sql).toBe(
      'select * from trips where vendor_id in (:p1, :p2, :p3) and zone in (:p4, NULL)',
    );
    expect(statement.parameters.map((parameter) => parameter.value)).toEqual(['1', '2', '3', 'a']);
  });

  it('rejects an empty array, which would be an IN-list SQL cannot parse', () => {
    const error = caught(() => sql`select * from t where a in ${[]}`);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ code: 'INVALID_PARAMETER', parameterName: 'p1' });
    expect((error as Error).message).toMatch(/empty array; an IN-list needs at least one value/);
  });

  it('rejects nested arrays and fragments inside an IN-list', () => {
    expect(() => sql`select ${[[1]] as never}`).toThrow(/item 0 of the array in value 1 .* is an array/);
    expect(() => sql`select ${[sql`1`] as never}`).toThrow(/is a fragment; an IN-list holds plain values/);
  });

  it('splices a nested fragment in and renumbers its parameters after the ones before it', () => {
    const since = sql`pickup_at >= ${new Date(Date.UTC(2024, 0, 1))} and fare > ${5}`;
    const statement = sql`select * from trips where vendor_id = ${2} and ${since} and zone = ${'a'}`;
    expect(statement.sql).toBe(
      'select * from trips where vendor_id = :p1 and pickup_at >= :p2 and fare > :p3 and zone = :p4',
    );
    expect(statement.parameters).toEqual([
      { name: 'p1', value: '2' },
      { name: 'p2', value: '2024-01-01 00:00:00.000+00' },
      { name: 'p3', value: '5' },
      { name: 'p4', value: 'a' },
    ]);
    // The nested fragment itself is unchanged.
    expect(since.sql).toBe('pickup_at >= :p1 and fare > :p2');
  });

  it('nests fragments inside fragments', () => {
    const inner = sql`b = ${2}`;
    const middle = sql`a = ${1} and (${inner})`;
    expect(sql`where ${middle} or c = ${3}`).toEqual({
      sql: 'where a = :p1 and (b = :p2) or c = :p3',
      parameters: [
        { name: 'p1', value: '1' },
        { name: 'p2', value: '2' },
        { name: 'p3', value: '3' },
      ],
    });
  });

  it('never pastes a hand-made { sql, parameters } object into the text', () => {
    const lookalike: SqlStatement = { sql: '1; drop table trips', parameters: [] };
    const error = caught(() => sql`select ${lookalike as never}`);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as Error).message).toMatch(/unsupported type Object/);
  });

  it.each([
    ['NaN', Number.NaN, /is NaN/],
    ['Infinity', Number.POSITIVE_INFINITY, /is Infinity/],
    ['-Infinity', Number.NEGATIVE_INFINITY, /is -Infinity/],
    ['an invalid Date', new Date('nope'), /invalid Date/],
    ['an object', { a: 1 }, /unsupported type Object/],
    ['a symbol', Symbol('x'), /unsupported type symbol/],
  ])('rejects %s with InvalidParameterError naming the parameter', (_label, value, message) => {
    const build = () => sql`select ${1}, ${value as never}`;
    expect(build).toThrow(InvalidParameterError);
    expect(build).toThrow(message);
    const error = caught(build);
    expect(error).toMatchObject({ code: 'INVALID_PARAMETER', parameterName: 'p2' });
    expect((error as InvalidParameterError).value).toBe(value);
  });
});

describe('sql.identifier', () => {
  it('quotes each name and joins a qualified name with dots', () => {
    expect(sql.identifier('trips').sql).toBe('"trips"');
    expect(sql.identifier('public', 'trips').sql).toBe('"public"."trips"');
    expect(sql`select count(*) from ${sql.identifier('analytics', 'Trip Log')}`.sql).toBe(
      'select count(*) from "analytics"."Trip Log"',
    );
  });

  it('doubles embedded double quotes, so a name cannot end the identifier', () => {
    expect(sql.identifier('a"; drop table trips; --').sql).toBe('"a""; drop table trips; --"');
    expect(sql.identifier('"WHERE"').sql).toBe('"""WHERE"""');
  });

  it('rejects names Redshift rejects: empty, over 127 bytes, control characters, not a string', () => {
    expect(() => sql.identifier('')).toThrow(/identifier 1 is empty/);
    expect(() => sql.identifier('a'.repeat(127))).not.toThrow();
    expect(() => sql.identifier('é'.repeat(64))).toThrow(
      /has 128 bytes of UTF-8; Redshift names have at most 127/,
    );
    expect(() => sql.identifier('public', 'a\nb')).toThrow(
      /identifier 2 "a\\nb" contains a control character/,
    );
    expect(() => sql.identifier('a\u0000')).toThrow(InvalidParameterError);
    expect(() => sql.identifier(7 as never)).toThrow(/identifier 1 is number; pass the name as a string/);
    expect(() => (sql.identifier as (...names: string[]) => SqlFragment)()).toThrow(/at least one name/);
  });
});

describe('sql.join', () => {
  it('joins fragments with a separator fragment and renumbers their parameters', () => {
    const conditions = [sql`vendor_id = ${1}`, sql`fare > ${2}`, sql`paid`];
    expect(sql`select * from trips where ${sql.join(conditions, sql` and `)}`).toEqual({
      sql: 'select * from trips where vendor_id = :p1 and fare > :p2 and paid',
      parameters: [
        { name: 'p1', value: '1' },
        { name: 'p2', value: '2' },
      ],
    });
  });

  it('joins values as parameters with ", " by default, for a VALUES row', () => {
    const row = ['acme', null, 3];
    expect(sql`insert into t values (${sql.join(row)})`.sql).toBe('insert into t values (:p1, NULL, :p2)');
  });

  it('carries parameters of the separator too', () => {
    expect(sql.join([sql`a`, sql`b`], sql` || ${'-'} || `)).toMatchObject({
      sql: 'a || :p1 || b',
      parameters: [{ name: 'p1', value: '-' }],
    });
  });

  it('gives empty SQL for no items and rejects a separator that is not a fragment', () => {
    expect(sql.join([]).sql).toBe('');
    expect(() => sql.join([sql`a`], ' or ' as never)).toThrow(
      /separator of sql.join\(\) is not a sql`…` fragment/,
    );
  });
});
