/** A table cell: numbers are right-aligned, everything else left-aligned; null and undefined print empty. */
export type TableCell = string | number | bigint | boolean | Date | null | undefined;

const isNumeric = (value: TableCell): boolean =>
  typeof value === 'number' ||
  typeof value === 'bigint' ||
  (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));

function cellText(value: TableCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 1e6) / 1e6);
  return String(value);
}

/**
 * Formats rows as an aligned text table with a header and a rule, columns separated by two spaces.
 * Columns default to the keys of the first row.
 *
 * @example
 * formatTable([{ month: '2015-01', trips: 1702 }]);
 * // month    trips
 * // -------  -----
 * // 2015-01   1702
 */
export function formatTable(rows: readonly Record<string, TableCell>[], columns?: readonly string[]): string {
  const names = columns ?? Object.keys(rows[0] ?? {});
  if (names.length === 0) return '(no columns)';
  const texts = rows.map((row) => names.map((name) => cellText(row[name])));
  const numeric = names.map((name) =>
    rows.some((row) => row[name] !== null && row[name] !== undefined)
      ? rows.every((row) => row[name] === null || row[name] === undefined || isNumeric(row[name]))
      : false,
  );
  const widths = names.map((name, index) =>
    Math.max(name.length, ...texts.map((cells) => cells[index]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (numeric[index] ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd();
  const output = [line(names), widths.map((width) => '-'.repeat(width)).join('  '), ...texts.map(line)];
  output.push(`(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`);
  return output.join('\n');
}
