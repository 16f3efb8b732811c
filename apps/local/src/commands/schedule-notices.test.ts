import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Terminal } from '../output/terminal';
import { InvalidScheduleExpressionError } from '../scheduler';
import { scheduleNotices } from './schedule-notices';

/** A terminal without colour whose lines are read back. */
function plainTerminal(): { terminal: Terminal; lines: () => string[] } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const terminal = new Terminal(stream, { NO_COLOR: '1' });
  return {
    terminal,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== ''),
  };
}

describe('scheduleNotices', () => {
  it('prints the next run of the schedule with its expression and time zone', () => {
    const { terminal, lines } = plainTerminal();

    scheduleNotices(terminal, { expression: 'rate(5 minutes)', timeZone: 'UTC' }).printNextRun();

    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(
      /^next scheduled run \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(rate\(5 minutes\), UTC\); Ctrl-C stops$/,
    );
  });

  it('prints no next run for a schedule that has none', () => {
    const { terminal, lines } = plainTerminal();

    scheduleNotices(terminal, { expression: 'at(2020-01-01T00:00:00)', timeZone: 'UTC' }).printNextRun();

    expect(lines()).toEqual([]);
  });

  it('warns that dev will not run a schedule that never fires', () => {
    const { terminal, lines } = plainTerminal();

    scheduleNotices(terminal, { expression: 'cron(0 0 30 2 ? *)', timeZone: 'UTC' }).warnIfNeverFires();

    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(
      /^warning: schedule "cron\(0 0 30 2 \? \*\)" \(UTC\) never fires: .*, so dev will not run the pipeline on its schedule; fix schedule.expression in the pipeline config$/,
    );
  });

  it('does not warn about a schedule that fires again', () => {
    const { terminal, lines } = plainTerminal();

    scheduleNotices(terminal, { expression: 'rate(5 minutes)', timeZone: 'UTC' }).warnIfNeverFires();

    expect(lines()).toEqual([]);
  });

  it('throws InvalidScheduleExpressionError for an expression EventBridge does not accept', () => {
    const { terminal } = plainTerminal();

    expect(() => scheduleNotices(terminal, { expression: 'cron(0 11 * * *)', timeZone: 'UTC' })).toThrow(
      InvalidScheduleExpressionError,
    );
  });
});
