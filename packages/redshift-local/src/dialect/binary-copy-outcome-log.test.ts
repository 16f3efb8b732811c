import { describe, expect, it } from 'vitest';
import { createBinaryCopyOutcomeLog } from './binary-copy-outcome-log';

describe('createBinaryCopyOutcomeLog', () => {
  it('gives the outcomes recorded since the last take, oldest first, and forgets them', () => {
    const log = createBinaryCopyOutcomeLog();
    log.record({ file: '/s3/b/one', rows: 1, prefetched: false });
    log.record({ file: '/s3/b/two', rows: 2, prefetched: true });

    const taken = log.take();

    expect(taken.map((outcome) => outcome.file)).toEqual(['/s3/b/one', '/s3/b/two']);
    expect(log.take()).toEqual([]);
  });

  it('drops the oldest outcomes beyond its limit', () => {
    const log = createBinaryCopyOutcomeLog(2);
    for (const file of ['/s3/b/1', '/s3/b/2', '/s3/b/3']) log.record({ file, rows: 1, prefetched: false });

    const taken = log.take();

    expect(taken.map((outcome) => outcome.file)).toEqual(['/s3/b/2', '/s3/b/3']);
  });
});
