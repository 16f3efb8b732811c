import { stat } from 'node:fs/promises';
import { isFileNotFound } from '../files/is-file-not-found';
import type { RunHistory } from '../history/run-history';
import type { StateLayout } from '../state/state-layout';
import type { ConsoleEvent, RunSummary } from './console-api';
import { outboxMessageFiles, readInbox } from './read-inbox';
import { listRunSummaries } from './run-summaries';

/** Options of {@link ConsoleEvents}. */
export interface ConsoleEventsOptions {
  state: StateLayout;
  history: RunHistory;
  /** How often the state folder is looked at. Defaults to 250 ms. */
  intervalMs?: number;
  /** Receives a failed look (a damaged file); defaults to standard error. The next look tries again. */
  onError?: (error: unknown) => void;
  /**
   * A statement's status as DescribeStatement says it, for runs the history still has open: the
   * history records only submissions and ends, so PICKED and STARTED come from here. None: no
   * `run-updated` for them.
   */
  describeStatus?: (statementId: string) => Promise<string | undefined>;
}

/** What of a run, when it changes, is worth an event. */
const runKey = (run: RunSummary) =>
  JSON.stringify([run.status, run.endedAt, run.rowsLoaded, run.durationMs, run.error]);

/**
 * The console's live events, read from the state folder itself: new and changed runs in runs.jsonl,
 * new messages in the outbox. So a run started by another process (`shiftflow run` beside
 * `shiftflow console`) shows up as one started by the console. The folder is looked at every
 * `intervalMs` by the server (a stat, and a read only when the history grew), and an open run's
 * statement is described then (PICKED, STARTED): the page holds one event stream and never polls.
 *
 * @example
 * const events = new ConsoleEvents({ state, history });
 * await events.start();
 * const stop = events.subscribe((event) => console.log(event.event));
 */
export class ConsoleEvents {
  readonly #options: ConsoleEventsOptions;
  readonly #listeners = new Set<(event: ConsoleEvent) => void>();
  #runs = new Map<string, string>();
  #ended = new Set<string>();
  /** Runs with a statement and no end yet, and the status DescribeStatement last gave each. */
  readonly #open = new Map<string, RunSummary & { statementId: string }>();
  readonly #live = new Map<string, RunSummary['status']>();
  #messages = new Set<string>();
  /** Each message's deliveries as last sent, to tell `message-updated` (the delivery log grew). */
  readonly #deliveries = new Map<string, string>();
  #deliveryLogStamp = '';
  #historyStamp = '';
  #timer: NodeJS.Timeout | undefined;
  #looking: Promise<void> | undefined;
  readonly #reported = new Set<string>();

  constructor(options: ConsoleEventsOptions) {
    this.#options = options;
  }

  /** Takes the current runs and messages as known (no events for them) and starts looking. */
  async start(): Promise<void> {
    this.#historyStamp = await this.#stamp();
    this.#deliveryLogStamp = await this.#stamp(this.#options.state.snsDeliveries);
    for (const run of await listRunSummaries(this.#options.history)) this.#remember(run);
    for (const name of await outboxMessageFiles(this.#options.state)) this.#messages.add(name);
    for (const message of await readInbox(this.#options.state))
      this.#deliveries.set(message.messageId, JSON.stringify(message.deliveries));
    this.#timer = setInterval(() => void this.look(), this.#options.intervalMs ?? 250);
    this.#timer.unref();
  }

  /** Calls `listener` with every event from now on; returns the function that stops it. */
  subscribe(listener: (event: ConsoleEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The ids of the runs known so far. */
  knownRunIds(): Set<string> {
    return new Set(this.#runs.keys());
  }

  /** Looks at the state folder now (one look at a time) and sends the events of what changed. */
  look(): Promise<void> {
    this.#looking ??= this.#lookOnce()
      .catch((error: unknown) => this.report(error))
      .finally(() => {
        this.#looking = undefined;
      });
    return this.#looking;
  }

  /**
   * Reports a problem of the state folder once per process: the folder is looked at four times a
   * second, and the page asks again at each visit; the same problem would repeat.
   */
  report(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    if (this.#reported.has(text)) return;
    this.#reported.add(text);
    const report =
      this.#options.onError ?? ((problem: unknown) => process.stderr.write(`console: ${String(problem)}\n`));
    report(error);
  }

  /** Stops looking; subscribers get no more events. */
  close(): void {
    clearInterval(this.#timer);
    this.#listeners.clear();
  }

  async #stamp(file = this.#options.history.file): Promise<string> {
    try {
      const { size, mtimeMs } = await stat(file);
      return `${size}:${mtimeMs}`;
    } catch (error) {
      if (isFileNotFound(error)) return 'none';
      throw error;
    }
  }

  #remember(run: RunSummary): void {
    this.#runs.set(run.runId, runKey(run));
    if (run.ended) this.#ended.add(run.runId);
    if (!run.ended && run.statementId !== null)
      this.#open.set(run.runId, { ...run, statementId: run.statementId });
    else {
      this.#open.delete(run.runId);
      this.#live.delete(run.runId);
    }
  }

  /** The status DescribeStatement gave a run the history still has open (PICKED, STARTED), if any. */
  liveStatus(runId: string): RunSummary['status'] | undefined {
    return this.#live.get(runId);
  }

  /** Asks DescribeStatement about each open run; a new PICKED or STARTED is a `run-updated`. */
  async #followOpenRuns(): Promise<void> {
    const describe = this.#options.describeStatus;
    if (describe === undefined) return;
    for (const [runId, run] of this.#open) {
      let status: string | undefined;
      try {
        status = await describe(run.statementId);
      } catch (error) {
        this.report(error); // once; the history's end (or the next start's settling) closes the run
        continue;
      }
      if (
        (status === 'PICKED' || status === 'STARTED') &&
        this.#live.get(runId) !== status &&
        this.#open.has(runId)
      ) {
        this.#live.set(runId, status);
        this.#emit({ event: 'run-updated', data: { run: { ...run, status } } });
      }
    }
  }

  #emit(event: ConsoleEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  async #lookOnce(): Promise<void> {
    const stamp = await this.#stamp();
    if (stamp !== this.#historyStamp) {
      this.#historyStamp = stamp;
      // Oldest first, so a page sees runs appear in the order they were submitted.
      for (const run of (await listRunSummaries(this.#options.history)).reverse()) this.#runEvents(run);
    }
    await this.#followOpenRuns();
    const names = await outboxMessageFiles(this.#options.state);
    const fresh = names.filter((name) => !this.#messages.has(name));
    const logStamp = await this.#stamp(this.#options.state.snsDeliveries);
    if (fresh.length === 0 && logStamp === this.#deliveryLogStamp) return;
    this.#deliveryLogStamp = logStamp;
    // Read through the inbox, so the message carries its deliveries as the inbox shows them.
    const inbox = await readInbox(this.#options.state, (file, reason) =>
      this.report(new Error(`${file} ${reason}; it is left out of the inbox`)),
    );
    for (const name of fresh) {
      this.#messages.add(name);
      const message = inbox.find((candidate) => name.includes(candidate.messageId));
      if (!message) continue;
      this.#deliveries.set(message.messageId, JSON.stringify(message.deliveries));
      this.#emit({ event: 'message-published', data: { message } });
    }
    for (const message of inbox) {
      const before = this.#deliveries.get(message.messageId);
      const key = JSON.stringify(message.deliveries);
      if (before === key) continue;
      this.#deliveries.set(message.messageId, key);
      // A message not yet in the outbox listing above is published at the next look, not updated.
      if (before !== undefined) this.#emit({ event: 'message-updated', data: { message } });
    }
  }

  #runEvents(run: RunSummary): void {
    const before = this.#runs.get(run.runId);
    const key = runKey(run);
    if (before === key) return;
    const wasEnded = this.#ended.has(run.runId);
    this.#remember(run);
    if (before === undefined) this.#emit({ event: 'run-submitted', data: { run } });
    if (run.ended && !wasEnded) this.#emit({ event: 'run-ended', data: { run } });
    else if (before !== undefined && run.ended) this.#emit({ event: 'run-recorded', data: { run } });
    else if (before !== undefined) this.#emit({ event: 'run-updated', data: { run } });
  }
}
