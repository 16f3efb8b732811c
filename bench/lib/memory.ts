/**
 * Peak memory of a benchmark step: resident set sizes read from /proc while the step runs.
 * Runs on Node 24 with type stripping: erasable TypeScript only.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size in bytes of a process, from /proc (VmRSS); 0 when it has ended. */
export function residentBytes(pid: number | 'self'): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    // The process ended between listing and reading: it has no memory any more.
    return 0;
  }
}

/** PIDs of a PostgreSQL server's processes (postmaster and its children). */
export function postgresPids(postmaster: number): number[] {
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (Number(parent) === postmaster) pids.push(Number(entry));
    } catch {
      // Gone while listing: not part of the server any more.
    }
  }
  return pids;
}

/** The largest RSS among a PostgreSQL server's processes (in practice: the backend doing the work). */
export function largestPostgresProcess(postmaster: number): number {
  return Math.max(...postgresPids(postmaster).map((pid) => residentBytes(pid)));
}

/** Samples memory every 50 ms while `work` runs; returns its result and the peak. */
export async function withPeak<T>(
  sample: () => number,
  work: () => Promise<T>,
): Promise<{ value: T; peak: number }> {
  let peak = sample();
  const timer = setInterval(() => {
    peak = Math.max(peak, sample());
  }, 50);
  try {
    const value = await work();
    peak = Math.max(peak, sample());
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}
