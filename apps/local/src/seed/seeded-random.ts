/** A deterministic source of random numbers: the same seed always gives the same sequence. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** A normally distributed float with the given mean and standard deviation. */
  normal(mean?: number, deviation?: number): number;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** One of `values`, chosen with the matching `weights` (any positive scale). */
  weighted<T>(values: readonly T[], weights: readonly number[]): T;
}

/**
 * Creates a seeded PRNG (sfc32, seeded through splitmix32), so sample data is reproducible.
 *
 * @example
 * const random = createSeededRandom(2015);
 * random.integer(1, 6); // the same number on every machine
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let index = 0; index < 12; index++) next();
  let spareNormal: number | undefined;
  return {
    next,
    normal(mean = 0, deviation = 1) {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return mean + deviation * value;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return mean + deviation * radius * Math.cos(2 * Math.PI * v);
    },
    integer(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    weighted(values, weights) {
      let total = 0;
      for (const weight of weights) total += weight;
      let point = next() * total;
      for (let index = 0; index < values.length; index++) {
        point -= weights[index] ?? 0;
        if (point < 0) return values[index]!;
      }
      return values[values.length - 1]!;
    },
  };
}
