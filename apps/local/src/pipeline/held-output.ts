import { Writable } from 'node:stream';

/**
 * Passes text through to a stream, except while held: then it is kept and written on release.
 * Lets a run print its result line before the notification the notifier published meanwhile.
 *
 * @example
 * const output = new HeldOutput(process.stdout);
 * output.hold();
 * output.stream.write('printed later\n');
 * output.release();
 */
export class HeldOutput {
  readonly stream: Writable;
  readonly #target: Writable;
  #held: string[] | undefined;

  constructor(target: Writable) {
    this.#target = target;
    this.stream = new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        const text = chunk.toString();
        if (this.#held) this.#held.push(text);
        else target.write(text);
        callback();
      },
    });
  }

  hold(): void {
    this.#held ??= [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const text of held) this.#target.write(text);
  }
}
