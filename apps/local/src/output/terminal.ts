import type { Writable } from 'node:stream';

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

/**
 * Writes human output: colour and a rewritable status line only on a TTY (and not with `NO_COLOR`),
 * plain lines otherwise, so logs and pipes stay readable.
 *
 * @example
 * const terminal = new Terminal(process.stdout);
 * terminal.line(`${terminal.style('green', 'FINISHED')} 20,000 rows`);
 */
export class Terminal {
  readonly stream: Writable;
  readonly interactive: boolean;
  readonly colour: boolean;
  #statusShown = false;

  constructor(stream: Writable & { isTTY?: boolean }, environment: NodeJS.ProcessEnv = process.env) {
    this.stream = stream;
    this.interactive = stream.isTTY === true;
    this.colour = this.interactive && environment.NO_COLOR === undefined && environment.TERM !== 'dumb';
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
    this.stream.write(`${text}\n`);
  }

  /** Shows a status line that the next status or line replaces; does nothing when not a TTY. */
  status(text: string): void {
    if (!this.interactive) return;
    this.stream.write(`\r\u001b[2K${text}`);
    this.#statusShown = true;
  }

  #clearStatus(): void {
    if (!this.#statusShown) return;
    this.stream.write('\r\u001b[2K');
    this.#statusShown = false;
  }
}
