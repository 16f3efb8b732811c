import type { SeededRandom } from './seeded-random';
import { clamp, halfDollars } from './trip-rounding';

/**
 * The fare of a trip by its rate code: the meter ($2.50 + $2.50 a mile + $0.50 a slow minute) for
 * a standard ride, JFK flat $52, Newark the meter plus $17.50, Nassau/Westchester the meter times 1.4,
 * a negotiated fare drawn from `random` (the only case that draws), in half dollars.
 *
 * @example
 * tripFare(1, 1.7, 4, random); // 9 (meter $8.75)
 */
export function tripFare(
  rateCodeId: number,
  tripDistance: number,
  slowMinutes: number,
  random: SeededRandom,
): number {
  const meter = 2.5 + 2.5 * tripDistance + 0.5 * slowMinutes;
  switch (rateCodeId) {
    case 2:
      return 52;
    case 3:
      return halfDollars(meter + 17.5);
    case 4:
      return halfDollars(meter * 1.4);
    case 5:
      return halfDollars(clamp(random.normal(60, 25), 10, 150));
    default:
      return halfDollars(meter);
  }
}
