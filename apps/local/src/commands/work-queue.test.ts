import { describe, expect, it } from 'vitest';
import { WorkQueue } from './work-queue';

describe('WorkQueue', () => {
  it('runs each piece after the one before it has finished, in the order given', async () => {
    const events: string[] = [];
    const queue = new WorkQueue((error) => events.push(`error ${String(error)}`));
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });

    void queue.enqueue(async () => {
      events.push('first started');
      await firstHeld;
      events.push('first ended');
    });
    const second = queue.enqueue(async () => {
      events.push('second started');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['first started']);
    releaseFirst();
    await second;

    expect(events).toEqual(['first started', 'first ended', 'second started']);
  });

  it('reports a failed piece to onError and still runs the pieces after it', async () => {
    const errors: unknown[] = [];
    const queue = new WorkQueue((error) => errors.push(error));
    const ran: string[] = [];

    const failed = queue.enqueue(async () => {
      throw new Error('setup failed');
    });
    const after = queue.enqueue(async () => {
      ran.push('after');
    });

    await expect(failed).resolves.toBeUndefined();
    await after;
    expect(errors).toEqual([new Error('setup failed')]);
    expect(ran).toEqual(['after']);
  });

  it('settles once everything given so far has run', async () => {
    const queue = new WorkQueue(() => undefined);
    const ran: number[] = [];
    for (const piece of [1, 2, 3]) {
      void queue.enqueue(async () => {
        await Promise.resolve();
        ran.push(piece);
      });
    }

    await queue.settled;

    expect(ran).toEqual([1, 2, 3]);
  });
});
