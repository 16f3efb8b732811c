import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PgliteSessionScheduler } from './pglite-session-scheduler';

describe('PgliteSessionScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs requests in order while no session holds the connection', () => {
    const scheduler = new PgliteSessionScheduler(60_000);
    expect(scheduler.nextIndex([{}, { sessionKey: 'a' }])).toBe(0);
    expect(scheduler.nextIndex([])).toBe(-1);
  });

  it("lets only the holder's requests run while its transaction is open, then all again", () => {
    const scheduler = new PgliteSessionScheduler(60_000);
    scheduler.ran({ sessionKey: 'a' }, true, false);
    expect(scheduler.holder).toBe('a');
    expect(scheduler.nextIndex([{}, { sessionKey: 'b' }, { sessionKey: 'a' }])).toBe(2);
    expect(scheduler.nextIndex([{}, { sessionKey: 'b' }])).toBe(-1);
    scheduler.ran({ sessionKey: 'a' }, false, false);
    expect(scheduler.nextIndex([{}, { sessionKey: 'b' }])).toBe(0);
  });

  it('never lets a session-less request hold the connection', () => {
    const scheduler = new PgliteSessionScheduler(60_000);
    scheduler.ran({}, true, false);
    expect(scheduler.holder).toBeUndefined();
  });

  it('rolls back a hold that keeps others waiting past the limit, once, and tells the session', () => {
    const scheduler = new PgliteSessionScheduler(60_000);
    const expired: string[] = [];
    scheduler.ran({ sessionKey: 'a' }, true, false);
    scheduler.othersWaiting((holder) => expired.push(holder));
    scheduler.othersWaiting((holder) => expired.push(holder));
    vi.advanceTimersByTime(59_999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
    expect(scheduler.takeRefusal('a')).toMatch(/rolled back: it kept other statements waiting for 60 s/);
    expect(scheduler.takeRefusal('a')).toBeUndefined();
  });

  it('rolls back a failed transaction as soon as others wait', () => {
    const scheduler = new PgliteSessionScheduler(60_000);
    const expired: string[] = [];
    scheduler.ran({ sessionKey: 'a' }, true, true);
    scheduler.othersWaiting((holder) => expired.push(holder));
    vi.advanceTimersByTime(0);
    expect(expired).toEqual(['a']);
    expect(scheduler.takeRefusal('a')).toMatch(/it had failed/);
  });

  it('does not expire a holder that committed in time', () => {
    const scheduler = new PgliteSessionScheduler(1_000);
    const expired: string[] = [];
    scheduler.ran({ sessionKey: 'a' }, true, false);
    scheduler.othersWaiting((holder) => expired.push(holder));
    scheduler.ran({ sessionKey: 'a' }, false, false);
    vi.advanceTimersByTime(5_000);
    expect(expired).toEqual([]);
  });

  it("does not count the time the holder's own statement runs", () => {
    const scheduler = new PgliteSessionScheduler(1_000);
    const expired: string[] = [];
    scheduler.ran({ sessionKey: 'a' }, true, false);
    scheduler.othersWaiting((holder) => expired.push(holder));
    scheduler.picked({ sessionKey: 'a' });
    vi.advanceTimersByTime(5_000);
    expect(expired).toEqual([]);
  });

  it('gives each session one RedshiftPid and each session-less request a new one', () => {
    const scheduler = new PgliteSessionScheduler(60_000);
    const a = scheduler.pidFor({ sessionKey: 'a' });
    expect(scheduler.pidFor({ sessionKey: 'a' })).toBe(a);
    const pids = new Set([
      a,
      scheduler.pidFor({ sessionKey: 'b' }),
      scheduler.pidFor({}),
      scheduler.pidFor({}),
    ]);
    expect(pids.size).toBe(4);
    expect(a).toBeGreaterThan(1_073_741_824);
  });
});
