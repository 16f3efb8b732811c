import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { escapeControlCharacters } from './escape-control-characters';

/** Styles the terminal output uses. */
export type TerminalStyle = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan';

const codes: Record<TerminalStyle, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/** Exactly the SGR sequences `style()` writes, and nothing else. */
const ownSequences = new RegExp(
  `(\\u001b\\[(?:${[...new Set(Object.values(codes).flat())].join('|')})m)`,
  'u',
);

/**
 * Writes human output: colour and a rewritable status line only on a TTY (and not with `NO_COLOR`),
 * plain lines otherwise, so logs and pipes stay readable. Every control character in the text is
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
    this.colour = this.interactive && environment.NO_COLOR === undefined && environment.TERM !== 'dumb';
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
    if (!this.colour) return text;
    const [open, close] = codes[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
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
