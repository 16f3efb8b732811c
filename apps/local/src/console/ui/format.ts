/**
 * Formatting the console's values the way the terminal output and the notification read them.
 *
 * One rule for time: every timestamp is shown in UTC and says so (`2026-12-06 11:02:01 UTC`), as the
 * run history, the notification and the logs stamp it; the schedule's next runs are shown in the
 * schedule's own time zone, named, with UTC beside them.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'negative' });

/** `1234567` → `1,234,567`; `undefined` → `—`. */
export function formatCount(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : integer.format(value);
}

/**
 * A number of a result table as people read it: thousands separators and at most 2 decimals
 * (`1234567` → `1,234,567`, `532.1400021910667` → `532.14`), or exactly `fractionDigits` decimals
 * (a float column's values line up: `12` → `12.00`). The page keeps the exact value in a title.
 */
export function formatNumber(value: number, fractionDigits?: number): string {
  if (fractionDigits !== undefined) {
    return new Intl.NumberFormat('en-US', {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
      signDisplay: 'negative',
    }).format(value);
  }
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

/**
 * A duration in milliseconds as people read it: `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`;
 * the same text as the notification's (`formatDuration` of @shiftflow/notifier, held against it in
 * format.test.ts; copied so the page does not bundle the notifier).
 */
export function formatDuration(milliseconds: number | undefined | null): string {
  if (milliseconds === undefined || milliseconds === null || !Number.isFinite(milliseconds)) return '—';
  // Each unit's bound is where its rounded text would reach the next unit ("1000 ms", "60.0 s").
  if (milliseconds < 999.5) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 59_950) return `${(milliseconds / 1_000).toFixed(1)} s`;
  const totalSeconds = Math.round(milliseconds / 1_000);
  if (totalSeconds < 3_600) {
    return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)} h ${String(totalMinutes % 60).padStart(2, '0')} min`;
}

/** A run's duration as its notification says it: `1.3 s`, `under 1 s`, or `—` when unknown. */
export function formatRunDuration(run: {
  durationMs: number | null;
  durationBelowMs?: number | null | undefined;
}): string {
  if (run.durationMs !== null) return formatDuration(run.durationMs);
  if (run.durationBelowMs !== undefined && run.durationBelowMs !== null) {
    return `under ${run.durationBelowMs / 1_000} s`;
  }
  return '—';
}

const pad = (value: number) => String(value).padStart(2, '0');

/** An ISO timestamp in UTC, to the second, labelled: `2026-12-06 11:02:01 UTC`. */
export function formatTime(iso: string | undefined | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

/**
 * An ISO timestamp in an IANA time zone, named: `Mon 2026-12-07 11:00 America/New_York`
 * (a schedule's time, as its expression reads it).
 */
export function formatZonedTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
  } catch {
    return formatTime(iso); // a zone this browser does not know: UTC, labelled
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? '';
  return `${part('weekday')} ${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timeZone}`;
}

/** A month of the view (`2015-03-01…`) as an axis label: `Mar 2015`. */
export function formatMonth(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}
