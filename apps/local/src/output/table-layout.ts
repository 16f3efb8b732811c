import { escapeControlCharacters } from './escape-control-characters';

/** A table cell: numbers are right-aligned, everything else left-aligned; null and undefined print empty. */
export type TableCell = string | number | bigint | boolean | Date | null | undefined;

const isNumeric = (value: TableCell): boolean =>
  typeof value === 'number' ||
  typeof value === 'bigint' ||
  (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));

/** A cell as the table shows it: control characters escaped, so a value cannot drive the terminal. */
function cellText(value: TableCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 1e6) / 1e6);
  return escapeControlCharacters(String(value));
}

/**
 * An aligned text table built from rows added page by page: it keeps only the cell texts and the
 * column widths, then gives the lines one by one, so a result of any size is printed without one
 * giant string (and without spreading every row into one call's arguments).
 *
 * @example
 * const table = new TableLayout(['month', 'trips']);
 * table.add([{ month: '2015-01', trips: 1702 }]);
 * for (const line of table.lines()) console.log(line);
 */
export class TableLayout {
  readonly #keys: readonly string[];
  readonly #names: string[];
  readonly #widths: number[];
  /** Per column: 'numeric' while every non-empty cell is a number, 'text' after the first that is not, 'empty' before any value. */
  readonly #kinds: ('empty' | 'numeric' | 'text')[];
  readonly #rows: string[][] = [];

  constructor(columns: readonly string[]) {
    this.#keys = [...columns];
    this.#names = columns.map((name) => escapeControlCharacters(name));
    this.#widths = this.#names.map((name) => name.length);
    this.#kinds = columns.map(() => 'empty');
  }

  /** The number of rows added. */
  get rowCount(): number {
    return this.#rows.length;
  }

  /** Adds rows, read by the columns given to the constructor. */
  add(rows: Iterable<Readonly<Record<string, TableCell>>>): void {
    for (const row of rows) {
      const texts = this.#keys.map((name, index) => {
        const value = row[name];
        if (value !== null && value !== undefined && this.#kinds[index] !== 'text') {
          this.#kinds[index] = isNumeric(value) ? 'numeric' : 'text';
        }
        const text = cellText(value);
        if (text.length > this.#widths[index]!) this.#widths[index] = text.length;
        return text;
      });
      this.#rows.push(texts);
    }
  }

  /** The header, its rule, one line per row and the row count. */
  *lines(): Generator<string, void, undefined> {
    if (this.#names.length === 0) {
      yield '(no columns)';
      return;
    }
    yield this.#line(this.#names);
    yield this.#widths.map((width) => '-'.repeat(width)).join('  ');
    for (const row of this.#rows) yield this.#line(row);
    yield `(${this.#rows.length} ${this.#rows.length === 1 ? 'row' : 'rows'})`;
  }

  #line(cells: readonly string[]): string {
    return cells
      .map((cell, index) =>
        this.#kinds[index] === 'numeric'
          ? cell.padStart(this.#widths[index]!)
          : cell.padEnd(this.#widths[index]!),
      )
      .join('  ')
      .trimEnd();
  }
}
