import { describe, expect, it } from 'vitest';
import type { EngineRequest } from './engine';
import { isRollback, refusedOutcomes } from './refused-outcomes';

function request(...sql: string[]): EngineRequest {
  return {
    executionId: 'e1',
    statements: sql.map((text) => ({ sql: text, values: [] })),
    transaction: false,
  };
}

describe('isRollback', () => {
  it.each(['ROLLBACK', 'rollback;', '  abort work ', 'ROLLBACK TRANSACTION;'])('is true for %j', (sql) => {
    expect(isRollback(request(sql))).toBe(true);
  });

  it.each([
    ['a COMMIT', ['COMMIT']],
    ['a ROLLBACK TO SAVEPOINT', ['ROLLBACK TO SAVEPOINT s1']],
    ['a batch that ends with a ROLLBACK', ['SELECT 1', 'ROLLBACK']],
    ['no statement', []],
  ])('is false for %s', (_name, sql) => {
    expect(isRollback(request(...sql))).toBe(false);
  });
});

describe('refusedOutcomes', () => {
  it('fails the first statement with the message and aborts the rest of the batch', () => {
    const outcomes = refusedOutcomes(request('SELECT 1', 'SELECT 2'), 'rolled back');

    expect(outcomes).toMatchObject([
      { status: 'failed', message: 'rolled back' },
      { status: 'aborted', message: 'not run: an earlier statement failed' },
    ]);
  });
});
