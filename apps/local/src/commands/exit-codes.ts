/**
 * The CLI's exit codes, as shells read them. A command never exits 0 after a failure.
 *
 * @example
 * return context.signal.aborted ? exitCodes.interrupted : exitCodes.failure;
 */
export const exitCodes = {
  /** The command did what was asked. */
  success: 0,
  /** It failed: a run that did not finish, bad SQL, bad configuration, a lost notification. */
  failure: 1,
  /** A bad command line. */
  usage: 2,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + 2, as a shell reports a process that SIGINT ended. */
  interrupted: 130,
  /**
   * The reader of stdout went away (`shiftflow query --json | head -c 100`): 128 + 13, as a shell
   * reports a process that SIGPIPE ended, so `set -o pipefail` scripts see the output was cut.
   */
  brokenPipe: 141,
} as const;
