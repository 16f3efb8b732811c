/**
 * The `extra` of a trip: $0.50 overnight (8 pm to 6 am), $1 in the weekday peak (4 pm to 8 pm,
 * Monday to Friday); a JFK flat fare (rate code 2) has $4.50 in the weekday peak and nothing else.
 *
 * @param hour Hour of the pickup, 0–23, New York wall clock.
 * @param weekday Day of the week of the pickup, 0 = Sunday.
 * @example
 * tripExtra(1, 21, 3); // 0.5
 */
export function tripExtra(rateCodeId: number, hour: number, weekday: number): number {
  const night = hour >= 20 || hour < 6;
  const weekdayPeak = weekday >= 1 && weekday <= 5 && hour >= 16 && hour < 20;
  return rateCodeId === 2 ? (weekdayPeak ? 4.5 : 0) : night ? 0.5 : weekdayPeak ? 1 : 0;
}
