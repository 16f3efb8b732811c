import type { Writable } from 'node:stream';

/**
 * Resolves once each stream has handed everything written so far to the operating system (or has
 * failed or closed), so `process.exit()` afterwards loses nothing: on a pipe, Node writes
 * asynchronously and `process.exit()` drops what is still buffered.
 *
 * @example
 * await flushOutput([process.stdout, process.stderr]);
 * process.exit(code);
 */
export async function flushOutput(streams: readonly Writable[]): Promise<void> {
  await Promise.all(
    streams.map(
      (stream) =>
        new Promise<void>((resolve) => {
          if (stream.destroyed || stream.writableEnded || stream.writableLength === 0) {
            resolve();
            return;
          }
          // Writes complete in order: the callback of an empty write runs after every earlier one.
          // Its error (the reader went away) is the stream's 'error' listener's to report.
          stream.write('', () => resolve());
        }),
    ),
  );
}
