import { describe, expect, it } from 'vitest';
import { StatementLatency } from './statement-latency';

describe('StatementLatency', () => {
  it('adds no delay with the default (fast) profile', () => {
    expect(new StatementLatency().next(['select 1'])).toEqual({ queueMs: 0, compileMs: 0 });
  });

  it('draws the same delays for the same seed, and compiles a repeated SQL text from the cache', () => {
    const draws = (seed: number) => {
      const latency = new StatementLatency({ profile: 'realistic', seed });
      return [latency.next(['select 1']), latency.next(['SELECT  1']), latency.next(['select 2'])];
    };
    const first = draws(7);
    expect(draws(7)).toEqual(first);
    expect(draws(8)).not.toEqual(first);
    // The second statement is the first one's text again (case and spacing aside): cached, at most 100 ms.
    expect(first[1]!.compileMs).toBeLessThanOrEqual(100);
    for (const draw of first) {
      expect(draw.queueMs).toBeGreaterThanOrEqual(0);
      expect(draw.queueMs).toBeLessThanOrEqual(5000);
      expect(draw.compileMs).toBeLessThanOrEqual(5000);
    }
  });

  it('keeps each phase between its minimum and maximum', () => {
    const latency = new StatementLatency({
      profile: 'realistic',
      queue: { minimum: 300, maximum: 400 },
      compile: { minimum: 50, median: 1, maximum: 60 },
    });
    for (let index = 0; index < 50; index++) {
      const { queueMs, compileMs } = latency.next([`select ${index}`]);
      expect(queueMs).toBeGreaterThanOrEqual(300);
      expect(queueMs).toBeLessThanOrEqual(400);
      expect(compileMs).toBeGreaterThanOrEqual(50);
      expect(compileMs).toBeLessThanOrEqual(60);
    }
  });
});
