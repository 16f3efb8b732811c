import type { PipelineProgress } from '../pipeline/start-local-pipeline';
import { formatDuration } from './format-duration';
import type { Terminal } from './terminal';

/** Prints pipeline progress for people; returns the listener and a `stop` for its ticker. */
export interface RunReporter {
  onProgress(progress: PipelineProgress): void;
  stop(): void;
}

const time = () => new Date().toISOString().slice(11, 19);

/**
 * Prints what happens as it happens: submitted, running with the elapsed time (a live line on a
 * TTY, one line otherwise), ended with rows and duration, and problems. Lambda log lines only
 * when `verbose`.
 *
 * @example
 * const reporter = createRunReporter(new Terminal(process.stdout), { verbose: false });
 * await startLocalPipeline({ …, onProgress: reporter.onProgress });
 */
export function createRunReporter(terminal: Terminal, options: { verbose: boolean }): RunReporter {
  let running: { statementId: string; since: number; status: string } | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const label = (text: string) => terminal.style('bold', text.padEnd(10));
  const showRunning = () => {
    if (!running) return;
    terminal.status(
      `${terminal.style('dim', time())}  ${label('running')}${running.status.toLowerCase()}, ${formatDuration(Date.now() - running.since)}`,
    );
  };
  const stopTicker = () => {
    if (ticker) clearInterval(ticker);
    ticker = undefined;
  };
  return {
    stop: stopTicker,
    onProgress(progress) {
      const prefix = `${terminal.style('dim', time())}  `;
      switch (progress.type) {
        case 'submitted':
          terminal.line(
            `${prefix}${label('submitted')}${progress.statementName}  ${terminal.style('dim', `statement ${progress.statementId}`)}`,
          );
          running = { statementId: progress.statementId, since: Date.now(), status: 'SUBMITTED' };
          if (terminal.interactive) {
            stopTicker();
            ticker = setInterval(showRunning, 100);
            ticker.unref();
          }
          break;
        case 'status':
          if (!running || running.statementId !== progress.statementId) break;
          if (progress.status === running.status) break;
          running.status = progress.status;
          if (progress.status === 'STARTED' && !terminal.interactive) {
            terminal.line(`${prefix}${label('running')}started after ${formatDuration(progress.elapsedMs)}`);
          }
          break;
        case 'ended': {
          stopTicker();
          running = undefined;
          const finished = progress.status === 'FINISHED';
          const status = terminal.style(finished ? 'green' : 'red', progress.status.padEnd(10));
          const details = [
            progress.rows === undefined ? undefined : `${progress.rows.toLocaleString('en-US')} rows`,
            progress.durationMs === undefined ? undefined : `in ${formatDuration(progress.durationMs)}`,
          ].filter(Boolean);
          terminal.line(`${prefix}${terminal.style('bold', status)}${details.join(' ')}`);
          if (progress.error) terminal.line(`${' '.repeat(20)}${terminal.style('red', progress.error)}`);
          break;
        }
        case 'skipped':
          terminal.line(`${prefix}${label('skipped')}${progress.reason}`);
          break;
        case 'not-started':
          terminal.line(
            `${prefix}${terminal.style('red', label('failed'))}the runner failed: ${progress.error}`,
          );
          terminal.line(`${' '.repeat(20)}event kept in ${progress.deadLetterFile}`);
          break;
        case 'notified':
          break;
        case 'notifier-failed':
          terminal.line(`${prefix}${terminal.style('red', label('notifier'))}failed: ${progress.error}`);
          terminal.line(`${' '.repeat(20)}event kept in ${progress.deadLetterFile}`);
          break;
        case 'problem':
          terminal.line(`${prefix}${terminal.style('yellow', label('warning'))}${progress.message}`);
          break;
        case 'log':
          if (options.verbose)
            terminal.line(terminal.style('dim', `[${progress.functionName}] ${progress.line}`));
          break;
      }
    },
  };
}
