import { z } from 'zod';
import { appendLineDurably } from '../files/append-line-durably';
import { readLineRecords } from '../files/read-line-records';

/**
 * Statement states of the Data API, plus SKIPPED for a run the runner declined to start and
 * NOT_STARTED for one whose runner invocation failed every attempt.
 */
export type RunStatus =
  | 'SUBMITTED'
  | 'PICKED'
  | 'STARTED'
  | 'FINISHED'
  | 'FAILED'
  | 'ABORTED'
  | 'SKIPPED'
  | 'NOT_STARTED';

const terminalStatuses: ReadonlySet<RunStatus> = new Set([
  'FINISHED',
  'FAILED',
  'ABORTED',
  'SKIPPED',
  'NOT_STARTED',
]);
/** Whether a run in this status will not change any more. */
export function isTerminalStatus(status: RunStatus): boolean {
  return terminalStatuses.has(status);
}

const runStatusSchema = z.enum([
  'SUBMITTED',
  'PICKED',
  'STARTED',
  'FINISHED',
  'FAILED',
  'ABORTED',
  'SKIPPED',
  'NOT_STARTED',
]);
const triggerSchema = z.enum(['schedule', 'manual']);

/** One line of the run-history file, as read from disk. */
const runHistoryEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('submitted'),
    at: z.string(),
    scheduledTime: z.string(),
    statementId: z.string(),
    statementName: z.string().optional(),
    trigger: triggerSchema,
  }),
  z.object({
    type: z.literal('skipped'),
    at: z.string(),
    scheduledTime: z.string(),
    reason: z.string(),
    trigger: triggerSchema,
  }),
  z.object({
    type: z.literal('not-started'),
    at: z.string(),
    scheduledTime: z.string(),
    error: z.string(),
    trigger: triggerSchema,
  }),
  z.object({
    type: z.literal('status'),
    at: z.string(),
    statementId: z.string(),
    status: runStatusSchema,
    /** Rows loaded, as the notifier found them; only entries of source `notifier` carry it. */
    rows: z.number().int().nonnegative().optional(),
    durationMs: z.number().optional(),
    error: z.string().optional(),
    /** Where the status came from: the status-change event, the notifier, or a DescribeStatement. */
    source: z.enum(['event', 'notifier', 'describe']),
  }),
]);

/** One line of the run-history file. */
export type RunHistoryEntry = z.infer<typeof runHistoryEntrySchema>;

/** A run as the history knows it: its submission folded with every later status. */
export interface RunRecord {
  scheduledTime: string;
  trigger: 'schedule' | 'manual';
  submittedAt: string;
  statementId?: string;
  statementName?: string;
  status: RunStatus;
  updatedAt: string;
  durationMs?: number;
  rows?: number;
  error?: string;
  reason?: string;
}

/** Options of {@link RunHistory}. */
export interface RunHistoryOptions {
  /** The clock stamping entries. Defaults to `() => new Date()`. */
  clock?: () => Date;
  /** Receives warnings about damaged lines. Defaults to writing them to standard error. */
  onWarning?: (message: string) => void;
}

/** What {@link RunHistory.resolve} needs to know of a statement. */
export interface StatementState {
  status: RunStatus;
  /** Rows loaded, when the notifier found them (a statement's own row count is not that). */
  rows?: number;
  durationMs?: number;
  error?: string;
}

/** Why a line is not a run-history entry, or the entry. */
function parseLine(line: string): RunHistoryEntry | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'is not JSON'; // the caller shows the line; the parser's position adds nothing
  }
  const parsed = runHistoryEntrySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `is not a run-history entry (${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'})`;
}

/**
 * The local run history: an append-only JSON-lines file in the state folder, one line per
 * submission, skip or status change, so a crash loses at most the line being written.
 *
 * @example
 * const history = new RunHistory('.shiftflow/runs.jsonl');
 * await history.append({ type: 'submitted', at: new Date().toISOString(), scheduledTime, statementId, trigger: 'manual' });
 * const runs = await history.list();
 */
export class RunHistory {
  readonly file: string;
  readonly #clock: () => Date;
  readonly #warn: (message: string) => void;
  /** Damaged lines already reported, so each is reported once per process, not on every read. */
  readonly #reported = new Set<string>();

  constructor(file: string, options: RunHistoryOptions = {}) {
    this.file = file;
    this.#clock = options.clock ?? (() => new Date());
    this.#warn = options.onWarning ?? ((message) => process.stderr.write(`${message}\n`));
  }

  /**
   * Appends one entry; `at` defaults to now. A last line a crash cut short is dropped first, so it
   * never ends up between complete entries (where it could not be told from a damaged file).
   */
  async append(entry: RunHistoryEntry | DistributiveOmit<RunHistoryEntry, 'at'>): Promise<void> {
    const line = { at: this.#clock().toISOString(), ...entry };
    // One write of the whole line, flushed, after dropping a last line a crash cut short.
    await appendLineDurably(this.file, `${JSON.stringify(line)}\n`);
  }

  /**
   * Every entry in file order; an empty list when the file does not exist yet. A damaged line
   * (not JSON, or not an entry) is skipped with a warning naming the file and line, so one bad line
   * never keeps runs from being recorded or listed; a last line without its newline (a crash in
   * the middle of an append) was never completely written and is skipped silently.
   */
  async entries(): Promise<RunHistoryEntry[]> {
    const { records, damaged } = await readLineRecords(this.file, parseLine);
    for (const { line, text, reason } of damaged) {
      const key = `${line - 1}:${text}`;
      if (this.#reported.has(key)) continue;
      this.#reported.add(key);
      const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
      this.#warn(
        `warning: ${this.file}:${line} ${reason}; the line is skipped (delete or fix it to silence this): ${JSON.stringify(shown)}`,
      );
    }
    return records;
  }

  /** The runs, oldest first, each folded from its entries. */
  async list(): Promise<RunRecord[]> {
    const runs: RunRecord[] = [];
    const byStatement = new Map<string, RunRecord>();
    for (const entry of await this.entries()) {
      if (entry.type === 'submitted') {
        const existing = byStatement.get(entry.statementId);
        if (existing) continue; // a retried runner invocation submits the same statement again
        const run: RunRecord = {
          scheduledTime: entry.scheduledTime,
          trigger: entry.trigger,
          submittedAt: entry.at,
          statementId: entry.statementId,
          status: 'SUBMITTED',
          updatedAt: entry.at,
        };
        if (entry.statementName !== undefined) run.statementName = entry.statementName;
        byStatement.set(entry.statementId, run);
        runs.push(run);
      } else if (entry.type === 'skipped') {
        runs.push({
          scheduledTime: entry.scheduledTime,
          trigger: entry.trigger,
          submittedAt: entry.at,
          status: 'SKIPPED',
          updatedAt: entry.at,
          reason: entry.reason,
        });
      } else if (entry.type === 'not-started') {
        runs.push({
          scheduledTime: entry.scheduledTime,
          trigger: entry.trigger,
          submittedAt: entry.at,
          status: 'NOT_STARTED',
          updatedAt: entry.at,
          error: entry.error,
        });
      } else {
        const run = byStatement.get(entry.statementId);
        if (!run) continue; // a statement this history did not submit (e.g. `shiftflow query`)
        if (isTerminalStatus(run.status) && !isTerminalStatus(entry.status)) continue;
        run.status = entry.status;
        run.updatedAt = entry.at;
        // Rows loaded come from the notifier only: the event's and DescribeStatement's row count
        // is the CALL's result rows (0 or 1), never the rows the load brought in.
        if (entry.rows !== undefined && entry.source === 'notifier') run.rows = entry.rows;
        if (entry.durationMs !== undefined) run.durationMs = entry.durationMs;
        if (entry.error !== undefined) run.error = entry.error;
      }
    }
    return runs;
  }

  /**
   * Settles runs that have no terminal status (the app stopped before their event came) by
   * asking `describe` for each statement's state, and records what it says.
   * Returns the runs whose status changed.
   */
  async resolve(describe: (statementId: string) => Promise<StatementState>): Promise<RunRecord[]> {
    const changed: RunRecord[] = [];
    for (const run of await this.list()) {
      if (isTerminalStatus(run.status) || run.statementId === undefined) continue;
      const state = await describe(run.statementId);
      if (state.status === run.status) continue;
      const entry: RunHistoryEntry = {
        type: 'status',
        at: this.#clock().toISOString(),
        statementId: run.statementId,
        status: state.status,
        source: 'describe',
      };
      if (state.durationMs !== undefined) entry.durationMs = state.durationMs;
      if (state.error !== undefined) entry.error = state.error;
      await this.append(entry);
      changed.push({ ...run, ...state, updatedAt: entry.at });
    }
    return changed;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
