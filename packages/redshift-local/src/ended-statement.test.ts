import { describe, expect, it } from 'vitest';
import { endedStatementSchema, toEndedStatement } from './ended-statement';

describe('toEndedStatement', () => {
  it('keeps the column metadata of a result, so ColumnMetadata is the same after a restart', () => {
    const fields = [
      {
        name: 'code',
        typeOid: 1042,
        typeModifier: 7,
        schemaName: 'public',
        tableName: 'shapes',
        nullable: 0,
        tableOid: 99,
      },
      { name: 'computed', typeOid: 23 },
    ];
    const ended = toEndedStatement({
      id: '00000000-0000-4000-8000-000000000001',
      createdAt: 1,
      updatedAt: 2,
      status: 'FINISHED',
      isBatch: false,
      withEvent: false,
      resultFormat: 'JSON',
      database: 'dev',
      principal: 'arn:aws:iam::123456789012:user/test',
      redshiftPid: 1,
      subs: [
        {
          id: '00000000-0000-4000-8000-000000000001',
          queryString: 'select code, 1 as computed from shapes',
          status: 'FINISHED',
          createdAt: 1,
          updatedAt: 2,
          durationNs: 1,
          resultRows: 1,
          resultSize: 6,
          hasResultSet: true,
          redshiftQueryId: 1,
          result: { fields, rows: [['abc', '1']], bytes: 6 },
        },
      ],
    });
    const reread = endedStatementSchema.parse(JSON.parse(JSON.stringify(ended)));
    expect(reread.subs[0]?.result?.fields).toEqual([
      {
        name: 'code',
        typeOid: 1042,
        typeModifier: 7,
        schemaName: 'public',
        tableName: 'shapes',
        nullable: 0,
      },
      { name: 'computed', typeOid: 23 },
    ]);
  });
});
