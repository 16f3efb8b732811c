import type { SeededRandom } from './seeded-random';
import { cents, clamp } from './trip-rounding';

/**
 * The tip of a trip: only card payments (payment type 1) record one, nine in ten of them, about
 * 20 % (5–50 %) of fare plus extra; `random` is drawn from only for card payments.
 *
 * @example
 * tripTip(2, 9.5, 0.5, random); // 0 (cash)
 */
export function tripTip(
  paymentType: number,
  fareAmount: number,
  extra: number,
  random: SeededRandom,
): number {
  return paymentType === 1 && random.next() < 0.9
    ? cents((fareAmount + extra) * clamp(random.normal(0.2, 0.05), 0.05, 0.5))
    : 0;
}
