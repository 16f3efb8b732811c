/** Joins with `+`, which keeps long strings as ropes instead of copying them at every nesting level. */
export function joinPieces(pieces: readonly string[], separator: string): string {
  let text = '';
  for (const [index, piece] of pieces.entries()) text += index === 0 ? piece : separator + piece;
  return text;
}
