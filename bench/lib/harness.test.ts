import { describe, expect, it } from 'vitest';
import { describeMachine, percentile, summarise } from './harness.ts';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7, 3, 5], 50)).toBe(5);
  });

  it('rejects no values and percentiles outside 0–100, naming them', () => {
    expect(() => percentile([], 50)).toThrow('percentile 50 of no values');
    expect(() => percentile([1], 101)).toThrow('got 101');
    expect(() => percentile([1], Number.NaN)).toThrow('got NaN');
  });
});

describe('summarise', () => {
  it('gives median, min and max and keeps the runs in order', () => {
    expect(summarise('ms', [4, 1, 3, 2])).toEqual({
      unit: 'ms',
      runs: [4, 1, 3, 2],
      median: 2.5,
      min: 1,
      max: 4,
    });
  });
});

describe('describeMachine', () => {
  it('records the three load averages', () => {
    const machine = describeMachine();
    expect(machine.loadAverage).toHaveLength(3);
    expect(machine.cores).toBeGreaterThan(0);
  });
});
