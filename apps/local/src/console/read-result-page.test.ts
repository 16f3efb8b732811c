import { describe, expect, it } from 'vitest';
import { fieldToCell } from './read-result-page';
import { chartPoints } from './read-view-data';

describe('fieldToCell', () => {
  it('turns each Data API field kind into a JSON cell', () => {
    expect(fieldToCell({ isNull: true })).toBeNull();
    expect(fieldToCell({ stringValue: '2015-01-01 00:00:00' })).toBe('2015-01-01 00:00:00');
    expect(fieldToCell({ longValue: 1728 })).toBe(1728);
    expect(fieldToCell({ doubleValue: 12.41 })).toBe(12.41);
    expect(fieldToCell({ booleanValue: false })).toBe(false);
    expect(fieldToCell({ blobValue: new Uint8Array([1, 2, 3]) })).toBe('AQID');
  });

  it('keeps an int8 beyond 2^53 exact as text', () => {
    expect(fieldToCell({ longValue: 2 ** 60 })).toBe(String(2 ** 60));
  });
});

describe('chartPoints', () => {
  it("reads the sample view's month, trips, average fare and distance", () => {
    const columns = ['pickup_month', 'avg_distance', 'avg_fare', 'total_trips'].map((name) => ({ name }));

    expect(chartPoints(columns, [['2015-01-01 00:00:00', 2.86, '12.41', 1728]])).toEqual([
      { month: '2015-01-01', trips: 1728, averageFare: 12.41, averageDistance: 2.86 },
    ]);
  });

  it('gives no chart for a view without those columns', () => {
    expect(chartPoints([{ name: 'a' }], [[1]])).toBeNull();
  });
});
