import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatMonth } from './format';

describe('console formatting', () => {
  it('groups counts and marks a missing one with a dash', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(undefined)).toBe('—');
  });
  it('reads durations in ms, seconds or minutes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(undefined)).toBe('—');
  });
  it('labels a month of the view in UTC', () => {
    expect(formatMonth('2015-03-01T00:00:00.000Z')).toBe('Mar 2015');
    expect(formatMonth('2015-12-01')).toBe('Dec 2015');
  });
});
