import type { CronField } from './cron-fields';

/**
 * What is wrong with a cron field, the reason only (e.g. `has hours value "25" outside 0-23`). The
 * readers here throw it so that each caller can word the result its own way: the config check
 * returns the reason as problem text, the local scheduler wraps it in its typed error.
 *
 * @example
 * ```ts
 * try { readCronList(cronFields.hour, '25'); } catch (error) { if (error instanceof CronFieldProblem) console.log(error.message); }
 * ```
 */
export class CronFieldProblem extends Error {}

/**
 * One item of a comma-separated cron field: `*` (form `all`), `v` (`value`) or `v-w` (`range`), each
 * with an optional `/step`. `start` and `end` are the values it spans, names read as numbers.
 *
 * @example
 * ```ts
 * const item: CronItem = { form: 'range', start: 2, end: 6, step: 1, stepped: false }; // MON-FRI
 * ```
 */
export interface CronItem {
  readonly form: 'all' | 'value' | 'range';
  readonly start: number;
  readonly end: number;
  /** The increment, 1 when the item has no `/step`. */
  readonly step: number;
  /** Whether the item was written with a `/step`. */
  readonly stepped: boolean;
}

/**
 * Reads one cron value, a number in the field's range or one of its names (any case).
 *
 * @throws CronFieldProblem when the text is neither.
 *
 * @example
 * ```ts
 * readCronValue(cronFields.month, 'mar'); // 3
 * ```
 */
export function readCronValue(field: CronField, text: string): number {
  const nameIndex = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (nameIndex >= 0) return field.min + nameIndex;
  if (!/^\d+$/.test(text)) {
    const allowed = field.names
      ? `a number ${field.min}-${field.max} or ${field.names.join('|')}`
      : `a number ${field.min}-${field.max}`;
    throw new CronFieldProblem(`has ${field.label} value "${text}", which is not ${allowed}`);
  }
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw new CronFieldProblem(`has ${field.label} value "${text}" outside ${field.min}-${field.max}`);
  }
  return value;
}

/** Reads one item (`*`, `v`, `v-w`, `v/s`, `v-w/s`, `*\/s`) and adds the values it selects. */
function readCronItem(field: CronField, item: string, values: Set<number>): CronItem {
  const match = /^([^/-]+)(?:-([^/-]+))?(?:\/(\d+))?$/.exec(item);
  if (!match)
    throw new CronFieldProblem(`has ${field.label} item "${item}", which is not a value, range or step`);
  const [, startText = '', endText, stepText] = match;
  const stepped = stepText !== undefined;
  const step = stepped ? Number(stepText) : 1;
  if (step < 1)
    throw new CronFieldProblem(`has ${field.label} step "${item}"; the increment must be at least 1`);
  let form: CronItem['form'] = 'all';
  let start = field.min;
  let end = field.max;
  if (startText === '*') {
    if (endText !== undefined)
      throw new CronFieldProblem(`has ${field.label} item "${item}"; "*" cannot start a range`);
  } else {
    form = endText === undefined ? 'value' : 'range';
    start = readCronValue(field, startText);
    end = endText === undefined ? (stepped ? field.max : start) : readCronValue(field, endText);
    if (end < start)
      throw new CronFieldProblem(`has ${field.label} range "${item}" that ends before it starts`);
  }
  for (let value = start; value <= end; value += step) values.add(value);
  return { form, start, end, step, stepped };
}

/**
 * Reads a comma-separated cron field of values, ranges and steps (no `? L W #`): its items, and the
 * values they select together.
 *
 * @throws CronFieldProblem naming the first item that is not in the field's range or form.
 *
 * @example
 * ```ts
 * readCronList(cronFields.dayOfWeek, 'MON-WED,FRI').values; // Set {2, 3, 4, 6}
 * ```
 */
export function readCronList(
  field: CronField,
  text: string,
): { items: readonly CronItem[]; values: Set<number> } {
  const values = new Set<number>();
  const items = text.split(',').map((item) => {
    if (item === '') throw new CronFieldProblem(`has an empty item in ${field.label} "${text}"`);
    if (item === '?')
      throw new CronFieldProblem(`has "?" in ${field.label}; only day-of-month or day-of-week take "?"`);
    const withoutNames = item.replace(/[A-Za-z]{3}/g, (name) =>
      field.names?.includes(name.toUpperCase()) ? '' : name,
    );
    if (/[LW#]/i.test(withoutNames)) {
      throw new CronFieldProblem(
        `has ${field.label} item "${item}"; ${field.label} does not allow L, W or # there (L and W: day-of-month alone, "<day>W"; L and #: day-of-week "L", "6L", "2#1")`,
      );
    }
    return readCronItem(field, item, values);
  });
  return { items, values };
}
