import { describe, expect, it } from 'vitest';
import { PostgresRunningRequests } from './postgres-running-requests';

describe('PostgresRunningRequests', () => {
  it('returns the backend pid of a running request it cancels, and marks it cancelled', () => {
    const running = new PostgresRunningRequests();
    running.start('e1', 4242);

    const pid = running.cancel('e1');

    expect(pid).toBe(4242);
    expect(running.isCancelled('e1')).toBe(true);
  });

  it('marks nothing when the request is not running', () => {
    const running = new PostgresRunningRequests();

    expect(running.cancel('e1')).toBeUndefined();
    expect(running.isCancelled('e1')).toBe(false);
  });

  it('forgets a request and its cancel when it ends', () => {
    const running = new PostgresRunningRequests();
    running.start('e1', 4242);
    running.cancel('e1');

    running.end('e1');

    expect(running.isCancelled('e1')).toBe(false);
    expect(running.cancel('e1')).toBeUndefined();
  });
});
