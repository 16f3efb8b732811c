import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Terminal } from '../output/terminal';
import { reconcileMissedRuns } from './run-command';

function capture(json = false) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  err.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    context: { json, stdout: new Terminal(out, {}), stderr: new Terminal(err, {}) },
    output: () => ({ stdout, stderr }),
  };
}

describe('reconcileMissedRuns', () => {
  it('runs the reconciler once and says how many runs it announced', async () => {
    const { context, output } = capture();
    let calls = 0;
    const reconciled = await reconcileMissedRuns(context, {
      reconcile: async () => {
        calls += 1;
        return ['3f0c1a52-9a3e-4d59-8a55-0a6b2f1c7e11'];
      },
    });
    expect(calls).toBe(1);
    expect(reconciled).toBe(true);
    expect(output()).toEqual({
      stdout: '',
      stderr: 'reconciler announced 1 run(s) whose completion event was missed\n',
    });
  });

  it('prints nothing when nothing was owed, or with --json', async () => {
    const quiet = capture();
    await reconcileMissedRuns(quiet.context, { reconcile: async () => [] });
    expect(quiet.output()).toEqual({ stdout: '', stderr: '' });
    const json = capture(true);
    await reconcileMissedRuns(json.context, { reconcile: async () => ['a'] });
    expect(json.output()).toEqual({ stdout: '', stderr: '' });
  });

  it('reports a failing reconciler on stderr and lets the run go on, resolving false', async () => {
    const { context, output } = capture();
    await expect(
      reconcileMissedRuns(context, {
        reconcile: async () => {
          throw new Error('SNS endpoint refused Publish');
        },
      }),
    ).resolves.toBe(false);
    expect(output()).toEqual({ stdout: '', stderr: 'reconciler failed: SNS endpoint refused Publish\n' });
  });
});
