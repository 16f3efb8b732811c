import type { Terminal } from '../output/terminal';
import { neverFiresReason, parseScheduleExpression } from '../scheduler';

/** What `dev` says about its schedule. */
export interface ScheduleNotices {
  /** Prints when the next scheduled run is due (nothing when the schedule has no next run). */
  printNextRun(): void;
  /** Warns when the schedule will never fire from now on. */
  warnIfNeverFires(): void;
}

/**
 * Parses the pipeline's schedule and returns the lines `dev` prints about it on `out`.
 *
 * @throws InvalidScheduleExpressionError when the expression or time zone is not valid.
 * @example
 * const notices = scheduleNotices(context.stderr, config.schedule);
 * notices.printNextRun(); // next scheduled run 2026-12-07T16:00:00.000Z (cron(0 11 * * ? *), America/New_York); Ctrl-C stops
 */
export function scheduleNotices(
  out: Pick<Terminal, 'line' | 'style'>,
  settings: { expression: string; timeZone: string },
): ScheduleNotices {
  const schedule = parseScheduleExpression(settings.expression, settings.timeZone);
  return {
    printNextRun() {
      const next = schedule.nextRuns(new Date(), 1)[0];
      if (next) {
        out.line(
          out.style(
            'dim',
            `next scheduled run ${next.toISOString()} (${settings.expression}, ${settings.timeZone}); Ctrl-C stops`,
          ),
        );
      }
    },
    warnIfNeverFires() {
      const reason = neverFiresReason(schedule, new Date());
      if (reason !== undefined) {
        out.line(
          `${out.style('yellow', 'warning:')} ${reason}, so dev will not run the pipeline on its schedule; fix schedule.expression in the pipeline config`,
        );
      }
    },
  };
}
