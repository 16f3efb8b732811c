import { describe, expect, it } from 'vitest';
import { tripExtra } from './trip-extra';

const sunday = 0;
const wednesday = 3;
const saturday = 6;

describe('tripExtra', () => {
  it.each([
    [20, wednesday, 0.5],
    [5, wednesday, 0.5],
    [6, wednesday, 0],
    [16, wednesday, 1],
    [19, wednesday, 1],
    [17, saturday, 0],
    [17, sunday, 0],
    [23, sunday, 0.5],
  ])('charges a standard ride at %i h on weekday %i an extra of $%s', (hour, weekday, extra) => {
    expect(tripExtra(1, hour, weekday)).toBe(extra);
  });

  it('charges a JFK flat fare $4.50 in the weekday peak only, never the overnight $0.50', () => {
    expect(tripExtra(2, 17, wednesday)).toBe(4.5);
    expect(tripExtra(2, 17, saturday)).toBe(0);
    expect(tripExtra(2, 22, wednesday)).toBe(0);
  });
});
