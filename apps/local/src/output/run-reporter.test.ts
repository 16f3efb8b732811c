import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRunReporter } from './run-reporter';
import { Terminal } from './terminal';

function capture(isTTY: boolean): { terminal: Terminal; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { terminal: new Terminal(stream, {}), text: () => text };
}

describe('createRunReporter', () => {
  it('prints submitted, started and the result with rows and duration as plain lines when not a TTY', () => {
    const { terminal, text } = capture(false);
    const reporter = createRunReporter(terminal, { verbose: false });

    reporter.onProgress({
      type: 'submitted',
      statementId: 'id-1',
      statementName: 'nyc-taxi/manual/2026-01-01T00:00:00.000Z',
      scheduledTime: '2026-01-01T00:00:00.000Z',
      trigger: 'manual',
    });
    reporter.onProgress({ type: 'status', statementId: 'id-1', status: 'STARTED', elapsedMs: 40 });
    reporter.onProgress({
      type: 'ended',
      statementId: 'id-1',
      status: 'FINISHED',
      rows: 20000,
      durationMs: 1830,
    });
    reporter.onProgress({ type: 'log', functionName: 'runner', line: '{"level":"INFO"}' });
    reporter.stop();

    const lines = text()
      .trimEnd()
      .split('\n')
      .map((line) => line.slice(10));
    expect(lines).toEqual([
      'submitted nyc-taxi/manual/2026-01-01T00:00:00.000Z  statement id-1',
      'running   started after 40 ms',
      'FINISHED  20,000 rows in 1.8 s',
    ]);
    expect(text()).not.toContain('\u001b[');
  });

  it('prints the error under a failed result and the log lines when verbose', () => {
    const { terminal, text } = capture(false);
    const reporter = createRunReporter(terminal, { verbose: true });

    reporter.onProgress({ type: 'ended', statementId: 'id-2', status: 'FAILED', error: 'ERROR: boom' });
    reporter.onProgress({ type: 'log', functionName: 'runner', line: 'hello' });

    expect(text()).toContain('FAILED');
    expect(text()).toContain('ERROR: boom');
    expect(text()).toContain('[runner] hello');
  });

  it('uses colour and a rewritable status line on a TTY', () => {
    const { terminal, text } = capture(true);
    const reporter = createRunReporter(terminal, { verbose: false });

    reporter.onProgress({ type: 'ended', statementId: 'id-3', status: 'FINISHED', rows: 1 });
    terminal.status('working');
    reporter.stop();

    expect(text()).toContain('\u001b[32m');
    expect(text()).toContain('\r\u001b[2Kworking');
  });
});
