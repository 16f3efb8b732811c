/** Rounds an amount to cents. */
export const cents = (value: number): number => Math.round(value * 100) / 100;
/** Rounds a fare to half dollars, as the meter does. */
export const halfDollars = (value: number): number => Math.round(value * 2) / 2;
/** Keeps a drawn value between `min` and `max`. */
export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
/** Rounds a longitude or latitude to six decimals (about 10 cm), as the TLC records have them. */
export const coordinate = (value: number): number => Math.round(value * 1e6) / 1e6;
