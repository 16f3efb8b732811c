import * as z from 'zod/mini';

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short strings. */
function distance(left: string, right: string): number {
  const rows = Array.from({ length: left.length + 1 }, (_, index) => [
    index,
    ...Array<number>(right.length).fill(0),
  ]);
  for (let column = 0; column <= right.length; column++) (rows[0] as number[])[column] = column;
  for (let row = 1; row <= left.length; row++) {
    for (let column = 1; column <= right.length; column++) {
      const current = rows[row] as number[];
      const previous = rows[row - 1] as number[];
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(
        (previous[column] ?? 0) + 1,
        (current[column - 1] ?? 0) + 1,
        (previous[column - 1] ?? 0) + cost,
      );
      if (
        row > 1 &&
        column > 1 &&
        left[row - 1] === right[column - 2] &&
        left[row - 2] === right[column - 1]
      ) {
        best = Math.min(best, ((rows[row - 2] as number[])[column - 2] ?? 0) + 1);
      }
      current[column] = best;
    }
  }
  return (rows[left.length] as number[])[right.length] ?? 0;
}

const normalize = (key: string) => key.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The known key a mistyped one most likely meant: the same letters in another case or with `-`/`_`,
 * a prefix of at least 4 letters (`clusterId` for `clusterIdentifier`), or the nearest by edit distance
 * within a third of its length. Undefined when none is close.
 *
 * @example
 * ```ts
 * closestKey('shedule', ['name', 'schedule']); // 'schedule'
 * ```
 */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  const wanted = normalize(unknown);
  let best: { key: string; score: number } | undefined;
  for (const key of known) {
    const candidate = normalize(key);
    const score =
      candidate === wanted
        ? 0
        : wanted.length >= 4 && (candidate.startsWith(wanted) || wanted.startsWith(candidate))
          ? 1
          : distance(wanted, candidate);
    if (score <= Math.max(2, Math.floor(wanted.length / 3)) && (best === undefined || score < best.score)) {
      best = { key, score };
    }
  }
  return best?.key;
}

/**
 * Says which keys of an object are unknown, and for each the known key it most likely meant, or the
 * keys it accepts when none is close.
 *
 * @example
 * ```ts
 * unknownKeysMessage(['shedule'], ['name', 'schedule']); // 'unknown key "shedule": did you mean "schedule"?'
 * ```
 */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((key) => {
      const suggestion = closestKey(key, known);
      return suggestion === undefined
        ? `unknown key ${JSON.stringify(key)}: expected only ${known.map((name) => JSON.stringify(name)).join(', ')}`
        : `unknown key ${JSON.stringify(key)}: did you mean ${JSON.stringify(suggestion)}?`;
    })
    .join('; ');
}

/**
 * `z.strictObject(shape)` whose unknown-key issue names each unknown key and the known key it most
 * likely meant. A plain function so call sites can be marked pure and bundlers drop unused schemas.
 *
 * @example
 * ```ts
 * const schema = strictObject({ name: z.string() }); // { nmae: 'x' } → 'unknown key "nmae": did you mean "name"?'
 * ```
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
): z.ZodMiniObject<Shape, z.core.$strict> {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, Object.keys(shape)) : undefined,
  });
}
