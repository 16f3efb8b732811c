import { describe, expect, it } from 'vitest';
import { scriptedRandom } from './__fixtures__/scripted-random';
import { tripFare } from './trip-fare';

describe('tripFare', () => {
  it('charges the meter, in half dollars, for a standard ride without drawing', () => {
    const random = scriptedRandom({});

    // 2.50 + 2.50 × 1.7 + 0.50 × 4 = 8.75, rounded to half dollars
    expect(tripFare(1, 1.7, 4, random)).toBe(9);
    expect(random.drawCount()).toBe(0);
  });

  it('charges the JFK flat fare of $52 whatever the meter says', () => {
    expect(tripFare(2, 17.5, 30, scriptedRandom({}))).toBe(52);
  });

  it('adds the Newark surcharge of $17.50 to the meter', () => {
    // 2.50 + 2.50 × 16 + 0.50 × 10 = 47.50; + 17.50 = 65
    expect(tripFare(3, 16, 10, scriptedRandom({}))).toBe(65);
  });

  it('charges the meter times 1.4 beyond the city limit (Nassau/Westchester)', () => {
    // 2.50 + 2.50 × 10 = 27.50; × 1.4 = 38.50
    expect(tripFare(4, 10, 0, scriptedRandom({}))).toBe(38.5);
  });

  it('draws a negotiated fare around $60, kept within $10 to $150', () => {
    expect(tripFare(5, 3, 2, scriptedRandom({ normal: [72.3] }))).toBe(72.5);
    expect(tripFare(5, 3, 2, scriptedRandom({ normal: [-40] }))).toBe(10);
    expect(tripFare(5, 3, 2, scriptedRandom({ normal: [400] }))).toBe(150);
  });
});
