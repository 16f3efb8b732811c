/**
 * Whether output to this stream gets colour, by the conventions users set in their environment:
 * `FORCE_COLOR` turns colour on for any stream, also a pipe (`0` or `false` turns it off), as Node
 * itself reads it; otherwise a non-empty `NO_COLOR` turns it off (https://no-color.org: "when
 * present and not an empty string"), and `TERM=dumb` or a stream that is not a TTY get none.
 *
 * @example
 * shouldUseColour(process.stderr, process.env); // false in `shiftflow run 2> log.txt`
 */
export function shouldUseColour(stream: { isTTY?: boolean }, environment: NodeJS.ProcessEnv): boolean {
  const force = environment.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (environment.NO_COLOR !== undefined && environment.NO_COLOR !== '') return false;
  return stream.isTTY === true && environment.TERM !== 'dumb';
}
