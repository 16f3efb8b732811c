import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { inspect, styleText } from 'node:util';
import { escapeControlCharacters } from './escape-control-characters';
import { shouldUseColour } from './should-use-colour';

/** Styles the terminal output uses. */
export type TerminalStyle = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan';

const styles: readonly TerminalStyle[] = ['bold', 'dim', 'green', 'red', 'yellow', 'cyan'];

/**
 * Exactly the SGR sequences `style()` writes (through `styleText`, whose codes are
 * `util.inspect.colors`), and nothing else.
 */
const ownSequences = new RegExp(
  `(\\u001b\\[(?:${[...new Set(styles.flatMap((style) => inspect.colors[style] ?? []))].join('|')})m)`,
  'u',
);

/**
 * Writes human output: a rewritable status line only on a TTY, colour as `shouldUseColour` decides
 * (TTY, `NO_COLOR`, `FORCE_COLOR`), plain lines otherwise, so logs and pipes stay readable. Every control character in the text is
 * shown escaped (`\u001b`, `\r`) except newlines, tabs and, on a colour terminal, the eight SGR
 * sequences `style()` writes, so a value from SQL or a file cannot drive the terminal. Callers
 * escape such values where they enter too (`escapeControlCharacters`, `formatTable`), which also
 * keeps them from faking one of those colours.
 *
 * @example
 * const terminal = new Terminal(process.stdout);
 * terminal.line(`${terminal.style('green', 'FINISHED')} 20,000 rows`);
 */
export class Terminal {
  /**
   * For writers of text from elsewhere (notifications): it escapes control characters as `line()`
   * does and passes the text on at once, so nothing waits in it when the process exits.
   */
  readonly stream: Writable;
  readonly interactive: boolean;
  readonly colour: boolean;
  readonly #output: Writable;
  #statusShown = false;

  constructor(stream: Writable & { isTTY?: boolean }, environment: NodeJS.ProcessEnv = process.env) {
    this.#output = stream;
    this.interactive = stream.isTTY === true;
    this.colour = shouldUseColour(stream, environment);
    const decoder = new StringDecoder('utf8');
    this.stream = new Writable({
      decodeStrings: false,
      write: (chunk: string | Buffer, _encoding, callback) => {
        this.#write(this.#inert(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
        callback();
      },
    });
  }

  /** The text in a style, or the text itself without colour. */
  style(style: TerminalStyle, text: string): string {
    // The decision is made once for this stream (`shouldUseColour`), so styleText must not check
    // process.stdout again: with validateStream it would judge the wrong stream.
    return this.colour ? styleText(style, text, { validateStream: false }) : text;
  }

  /** Writes a line (clearing a status line first). */
  line(text = ''): void {
    this.#clearStatus();
    this.#write(`${this.#inert(text)}\n`);
  }

  /**
   * Writes text (escaped as `line()` does) and resolves once the stream takes more, so a long
   * output does not pile up in memory when the reader is slower than the writer.
   */
  async write(text: string): Promise<void> {
    this.#clearStatus();
    if (this.#write(this.#inert(text))) return;
    const output = this.#output;
    if (output.destroyed) return;
    // An 'error' (EPIPE: the reader went away) is the stream owner's to handle (the CLI exits
    // on it); here it only means that waiting for 'drain' is over.
    await new Promise<void>((resolve) => {
      const done = () => {
        output.off('drain', done).off('close', done).off('error', done);
        resolve();
      };
      output.on('drain', done).on('close', done).on('error', done);
    });
  }

  /** Shows a status line that the next status or line replaces; does nothing when not a TTY. */
  status(text: string): void {
    if (!this.interactive) return;
    this.#write(`\r\u001b[2K${this.#inert(text).replaceAll('\n', ' ')}`);
    this.#statusShown = true;
  }

  /** Text with every control character escaped except newlines, tabs and this terminal's colours. */
  #inert(text: string): string {
    if (!this.colour) return escapeControlCharacters(text, { keepLayout: true });
    return text
      .split(ownSequences)
      .map((part, index) => (index % 2 === 1 ? part : escapeControlCharacters(part, { keepLayout: true })))
      .join('');
  }

  /** Writes unless the reader has gone (EPIPE ends the stream; the CLI exits on that). */
  #write(text: string): boolean {
    if (this.#output.destroyed || this.#output.writableEnded) return true;
    return this.#output.write(text);
  }

  #clearStatus(): void {
    if (!this.#statusShown) return;
    this.#write('\r\u001b[2K');
    this.#statusShown = false;
  }
}
