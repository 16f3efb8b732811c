import { type TableCell, TableLayout } from './table-layout';

export type { TableCell } from './table-layout';

/**
 * Formats rows as an aligned text table with a header and a rule, columns separated by two spaces.
 * Columns default to the keys of the first row. Control characters in names and values are shown
 * escaped (`\u001b`, `\r`), so the table is inert on a terminal.
 *
 * @example
 * formatTable([{ month: '2015-01', trips: 1702 }]);
 * // month    trips
 * // -------  -----
 * // 2015-01   1702
 */
export function formatTable(rows: readonly Record<string, TableCell>[], columns?: readonly string[]): string {
  const names = columns ?? Object.keys(rows[0] ?? {});
  const table = new TableLayout(names);
  table.add(rows);
  return [...table.lines()].join('\n');
}
