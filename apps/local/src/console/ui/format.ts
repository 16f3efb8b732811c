/** Formatting the console's values the way the terminal output reads them. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `1234567` → `1,234,567`; `undefined` → `—`. */
export function formatCount(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : integer.format(value);
}

/** A duration in milliseconds as people read it: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(milliseconds: number | undefined | null): string {
  if (milliseconds === undefined || milliseconds === null || !Number.isFinite(milliseconds)) return '—';
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

/** An ISO timestamp in the viewer's time zone, to the second: `2026-12-06 11:02:01`. */
export function formatTime(iso: string | undefined | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A month of the view (`2015-03-01…`) as an axis label: `Mar 2015`. */
export function formatMonth(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}
