import { formatDuration as notifierDuration } from '@shiftflow/notifier';
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatMonth,
  formatNumber,
  formatRunDuration,
  formatTime,
  formatZonedTime,
} from './format';

describe('console formatting', () => {
  it('groups counts and marks a missing one with a dash', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(undefined)).toBe('—');
  });
  it('shows numbers with thousands separators and at most 2 decimals', () => {
    expect(formatNumber(532.1400021910667)).toBe('532.14');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(12345.6)).toBe('12,345.6');
    expect(formatNumber(-0.004)).toBe('0');
    expect(formatNumber(-1234.567)).toBe('-1,234.57');
    expect(formatNumber(12, 2)).toBe('12.00');
    expect(formatNumber(1992.5, 2)).toBe('1,992.50');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
  });
  it('reads durations in ms, seconds, minutes or hours', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(undefined)).toBe('—');
  });
  it('says a duration as the notification says it', () => {
    for (const ms of [
      0, 412, 999.4, 999.5, 1_000, 1_298, 59_949, 59_950, 245_000, 3_599_499, 3_600_000, 3_723_000,
    ]) {
      expect(formatDuration(ms)).toBe(notifierDuration(ms));
    }
    expect(formatRunDuration({ durationMs: null, durationBelowMs: 1_000 })).toBe('under 1 s');
    expect(formatRunDuration({ durationMs: 1_300, durationBelowMs: null })).toBe('1.3 s');
    expect(formatRunDuration({ durationMs: null })).toBe('—');
  });
  it('shows every timestamp in UTC and says so; a schedule time in its own zone, named', () => {
    expect(formatTime('2026-12-06T11:02:01.412Z')).toBe('2026-12-06 11:02:01 UTC');
    expect(formatZonedTime('2026-12-07T16:00:00.000Z', 'America/New_York')).toBe(
      'Mon 2026-12-07 11:00 America/New_York',
    );
    expect(formatZonedTime('2026-07-07T15:00:00.000Z', 'America/New_York')).toBe(
      'Tue 2026-07-07 11:00 America/New_York',
    );
    expect(formatZonedTime('2026-12-07T16:00:00.000Z', 'Not/AZone')).toBe('2026-12-07 16:00:00 UTC');
  });
  it('labels a month of the view in UTC', () => {
    expect(formatMonth('2015-03-01T00:00:00.000Z')).toBe('Mar 2015');
    expect(formatMonth('2015-12-01')).toBe('Dec 2015');
  });
});
