import { describe, expect, it } from 'vitest';
import { withColumnOrigins } from './column-origins';

describe('withColumnOrigins', () => {
  it('adds schema, table and nullability to table columns and leaves computed ones alone', async () => {
    const queries: string[][] = [];
    const columns = await withColumnOrigins(
      [
        { name: 'id', typeOid: 23, tableOid: 100, columnNumber: 1 },
        { name: 'name', typeOid: 1043, tableOid: 100, columnNumber: 2, typeModifier: 24 },
        { name: 'computed', typeOid: 25, tableOid: 0, columnNumber: 0 },
      ],
      async (_sql, values) => {
        queries.push(values);
        return [
          ['100', '1', 'public', 'items', '0'],
          ['100', '2', 'public', 'items', '1'],
        ];
      },
    );
    expect(queries).toEqual([['100']]);
    expect(columns).toEqual([
      {
        name: 'id',
        typeOid: 23,
        tableOid: 100,
        columnNumber: 1,
        schemaName: 'public',
        tableName: 'items',
        nullable: 0,
      },
      {
        name: 'name',
        typeOid: 1043,
        tableOid: 100,
        columnNumber: 2,
        typeModifier: 24,
        schemaName: 'public',
        tableName: 'items',
        nullable: 1,
      },
      { name: 'computed', typeOid: 25, tableOid: 0, columnNumber: 0 },
    ]);
  });

  it('asks the catalog nothing when no column comes from a table', async () => {
    let asked = false;
    const columns = await withColumnOrigins([{ name: 'x', typeOid: 23 }], async () => {
      asked = true;
      return [];
    });
    expect([asked, columns]).toEqual([false, [{ name: 'x', typeOid: 23 }]]);
  });
});
