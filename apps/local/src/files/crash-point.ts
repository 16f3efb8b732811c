/**
 * Named places where a crash would hurt most. Tests of crash safety set `SHIFTFLOW_CRASH_AT` to one
 * of them and the process kills itself there with SIGKILL (no clean-up, no `finally`, no exit
 * handlers), which reproduces a `kill -9` at an exact moment instead of at a random one.
 */
export type CrashPoint =
  /** `writeSampleData` wrote its first part file completely and is about to write the next. */
  | 'sample-part-written'
  /** The local bus received a statement's status-change event, before anything acted on it. */
  | 'status-change-event'
  /** The outbox subscriber wrote the message's `.eml` and has not yet written its `.json`. */
  | 'outbox-eml-written';

/** The environment variable naming the crash point. */
export const crashPointVariable = 'SHIFTFLOW_CRASH_AT';

/**
 * Kills the current process with SIGKILL when `SHIFTFLOW_CRASH_AT` names `point`; does nothing
 * otherwise (the variable is for tests only).
 *
 * @example
 * await writeFile(part, text);
 * crashPoint('sample-part-written');
 */
export function crashPoint(point: CrashPoint): void {
  if (process.env[crashPointVariable] === point) process.kill(process.pid, 'SIGKILL');
}
