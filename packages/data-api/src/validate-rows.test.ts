import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
} from '@aws-sdk/client-redshift-data';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createTestRedshiftData,
  executed,
  fast,
  finished,
  mockRedshiftDataClient,
  statementId,
} from './__fixtures__/mocked-redshift-data';
import { isNullableString, isNumber, isString, rowSchema } from './__fixtures__/row-schema';
import { RowValidationError } from './errors';
import type { RedshiftDataApi } from './redshift-data-api';

const columns = [
  { name: 'trips', label: 'trips', typeName: 'int8' },
  { name: 'note', label: 'note', typeName: 'varchar' },
];

function page(records: [number, string | null][], nextToken?: string) {
  return {
    ColumnMetadata: columns,
    Records: records.map(([trips, note]) => [
      { longValue: trips },
      note === null ? { isNull: true } : { stringValue: note },
    ]),
    ...(nextToken === undefined ? {} : { NextToken: nextToken }),
    $metadata: {},
  };
}

describe('RedshiftDataApi with a row schema', () => {
  const mock = mockRedshiftDataClient();
  let data: RedshiftDataApi;

  beforeEach(() => {
    data = createTestRedshiftData();
    mock.on(ExecuteStatementCommand).resolves(executed);
    mock.on(DescribeStatementCommand).resolves(finished);
  });

  it('validates each row and returns the rows the schema gives, which JSON.stringify writes', async () => {
    mock.on(GetStatementResultCommand).resolves(
      page([
        [3, 'a'],
        [4, null],
      ]),
    );
    const schema = rowSchema<{ trips: number; note: string | null }>({
      trips: isNumber,
      note: isNullableString,
    });
    const rows = await data.query('select count(*) as trips, note from trips group by 2', {
      ...fast,
      schema,
    });
    expect(rows).toEqual([
      { trips: 3, note: 'a' },
      { trips: 4, note: null },
    ]);
    expect(JSON.stringify(rows)).toBe('[{"trips":3,"note":"a"},{"trips":4,"note":null}]');
  });

  it('throws RowValidationError naming the row, the column and the problem', async () => {
    mock.on(GetStatementResultCommand).resolves(
      page([
        [3, 'a'],
        [4, null],
      ]),
    );
    const schema = rowSchema<{ trips: number; note: string }>({ trips: isNumber, note: isString });
    const error = await data.query('select 1', { ...fast, schema }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RowValidationError);
    expect(error).toMatchObject({ code: 'ROW_INVALID', rowIndex: 1, row: { trips: 4, note: null } });
    expect((error as Error).message).toMatch(
      /^row 1 does not match the schema: note: Expected string, received object/,
    );
  });

  it('counts rows across pages in rowIndex, and accepts schemas that validate asynchronously', async () => {
    mock
      .on(GetStatementResultCommand, { Id: statementId, NextToken: undefined })
      .resolves(
        page(
          [
            [1, 'a'],
            [2, 'b'],
          ],
          'next',
        ),
      )
      .on(GetStatementResultCommand, { Id: statementId, NextToken: 'next' })
      .resolves(
        page([
          [3, 'c'],
          [4, null],
        ]),
      );
    const schema = rowSchema<{ trips: number; note: string }>(
      { trips: isNumber, note: isString },
      { async: true },
    );
    const pages: unknown[] = [];
    const read = async () => {
      for await (const rows of data.results(statementId, { schema })) pages.push(rows);
    };
    await expect(read()).rejects.toMatchObject({ rowIndex: 3 });
    expect(pages).toEqual([
      [
        { trips: 1, note: 'a' },
        { trips: 2, note: 'b' },
      ],
    ]);
  });

  it('validates rows read by collect()', async () => {
    mock.on(GetStatementResultCommand).resolves(page([[1, 'a']]));
    const schema = rowSchema<{ trips: string }>({ trips: isString });
    await expect(data.collect(statementId, { schema })).rejects.toBeInstanceOf(RowValidationError);
  });
});
