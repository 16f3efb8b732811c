import { appendFile, mkdir, open, readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import { RunHistoryError } from '../errors';

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
const statuses: ReadonlySet<string> = new Set([
  'SUBMITTED',
  'PICKED',
  'STARTED',
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

/** One line of the run-history file. */
export type RunHistoryEntry =
  | {
      type: 'submitted';
      at: string;
      scheduledTime: string;
      statementId: string;
      statementName?: string;
      trigger: 'schedule' | 'manual';
    }
  | { type: 'skipped'; at: string; scheduledTime: string; reason: string; trigger: 'schedule' | 'manual' }
  | { type: 'not-started'; at: string; scheduledTime: string; error: string; trigger: 'schedule' | 'manual' }
  | {
      type: 'status';
      at: string;
      statementId: string;
      status: RunStatus;
      rows?: number;
      durationMs?: number;
      error?: string;
      /** Where the status came from: the status-change event, the notifier, or a DescribeStatement. */
      source: 'event' | 'notifier' | 'describe';
    };

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

/** What {@link RunHistory.resolve} needs to know of a statement. */
export interface StatementState {
  status: RunStatus;
  rows?: number;
  durationMs?: number;
  error?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseEntry(value: unknown): RunHistoryEntry | string {
  if (!isRecord(value)) return 'not a JSON object';
  if (typeof value.at !== 'string') return 'no "at" time';
  switch (value.type) {
    case 'submitted':
      if (typeof value.statementId !== 'string') return 'no "statementId"';
      if (typeof value.scheduledTime !== 'string') return 'no "scheduledTime"';
      return value as RunHistoryEntry;
    case 'skipped':
    case 'not-started':
      if (typeof value.scheduledTime !== 'string') return 'no "scheduledTime"';
      return value as RunHistoryEntry;
    case 'status':
      if (typeof value.statementId !== 'string') return 'no "statementId"';
      if (typeof value.status !== 'string' || !statuses.has(value.status)) {
        return `unknown status ${JSON.stringify(value.status)}`;
      }
      return value as RunHistoryEntry;
    default:
      return `unknown entry type ${JSON.stringify(value.type)}`;
  }
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

  constructor(file: string, options: { clock?: () => Date } = {}) {
    this.file = file;
    this.#clock = options.clock ?? (() => new Date());
  }

  /**
   * Appends one entry; `at` defaults to now. A last line a crash cut short is dropped first, so it
   * never ends up between complete entries (where it could not be told from a damaged file).
   */
  async append(entry: RunHistoryEntry | DistributiveOmit<RunHistoryEntry, 'at'>): Promise<void> {
    const line = { at: this.#clock().toISOString(), ...entry };
    await mkdir(path.dirname(this.file), { recursive: true });
    await this.#dropUnfinishedLastLine();
    await appendFile(this.file, `${JSON.stringify(line)}\n`);
  }

  async #dropUnfinishedLastLine(): Promise<void> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] === 0x0a) return;
    } finally {
      await handle.close();
    }
    const text = await readFile(this.file);
    await truncate(this.file, text.lastIndexOf(0x0a) + 1);
  }

  /** Every entry in file order; an empty list when the file does not exist yet. */
  async entries(): Promise<RunHistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = text.split('\n');
    const entries: RunHistoryEntry[] = [];
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      if (line.trim() === '') continue;
      const isUnfinishedLastLine = index === lines.length - 1;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        // A crash in the middle of an append leaves a last line without its newline: that
        // entry was never completely written, so it is not part of the history.
        if (isUnfinishedLastLine) continue;
        throw new RunHistoryError(this.file, index + 1, `${this.file}:${index + 1} is not JSON: ${line}`, {
          cause: error,
        });
      }
      const entry = parseEntry(value);
      if (typeof entry === 'string') {
        throw new RunHistoryError(this.file, index + 1, `${this.file}:${index + 1}: ${entry}: ${line}`);
      }
      entries.push(entry);
    }
    return entries;
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
        if (entry.rows !== undefined) run.rows = entry.rows;
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
      if (state.rows !== undefined) entry.rows = state.rows;
      if (state.durationMs !== undefined) entry.durationMs = state.durationMs;
      if (state.error !== undefined) entry.error = state.error;
      await this.append(entry);
      changed.push({ ...run, ...state, updatedAt: entry.at });
    }
    return changed;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
