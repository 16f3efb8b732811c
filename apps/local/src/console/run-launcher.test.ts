import { describe, expect, it } from 'vitest';
import { createRunLauncher } from './run-launcher';

describe('createRunLauncher', () => {
  it('starts one run for two presses while the first has not ended, and is free again after', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const launcher = createRunLauncher(() => {
      runs++;
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    });

    const first = launcher.start();
    const second = launcher.start();
    expect(launcher.active()).toBe(true);
    expect(second).toBe(first);
    finish();
    await first;

    expect(runs).toBe(1);
    expect(launcher.active()).toBe(false);
  });

  it('is free again after a run that failed', async () => {
    const launcher = createRunLauncher(() => Promise.reject(new Error('no engine')));

    await expect(launcher.start()).rejects.toThrow('no engine');
    expect(launcher.active()).toBe(false);
  });
});
