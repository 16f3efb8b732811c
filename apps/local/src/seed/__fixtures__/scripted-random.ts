import type { SeededRandom } from '../seeded-random';

/**
 * A random source that returns the given draws in order (`next`, `integer` and `weighted` take
 * from `uniform`, `normal` from `normal`) and counts them; it throws when a list runs out, so a
 * test also sees a draw the code should not have made.
 */
export function scriptedRandom(draws: { uniform?: number[]; normal?: number[] }): SeededRandom & {
  drawCount: () => number;
} {
  const uniform = [...(draws.uniform ?? [])];
  const normal = [...(draws.normal ?? [])];
  let drawCount = 0;
  const take = (values: number[], kind: string): number => {
    drawCount++;
    const value = values.shift();
    if (value === undefined) throw new Error(`no scripted ${kind} draw left`);
    return value;
  };
  return {
    next: () => take(uniform, 'uniform'),
    normal: () => take(normal, 'normal'),
    integer: () => take(uniform, 'uniform'),
    weighted: <T>(values: readonly T[]): T => {
      const index = Math.floor(take(uniform, 'uniform') * values.length);
      const value = values[index];
      if (value === undefined) throw new Error(`scripted draw picks no value at index ${index}`);
      return value;
    },
    drawCount: () => drawCount,
  };
}
