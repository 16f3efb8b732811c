// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';
import { inboxMessageSchema } from './inbox-message-schema';
import { runSummarySchema } from './run-summary-schema';

/**
 * Server-sent events of `GET /api/events` (`text/event-stream`; `event:` is the name, `data:` one
 * JSON line). They come from the state folder itself (runs.jsonl and the outbox), so runs started
 * by another process (`shiftflow run`) show up too. A `ready` event comes first; a comment line
 * (`: keep-alive`) every 15 s. On reconnect, refetch the lists: no event is replayed.
 *
 * - `run-submitted`: a run appeared (submitted, or skipped / not started).
 * - `run-updated`: a run changed but has not ended: PICKED / STARTED as DescribeStatement reports
 *   them while the run is open (a fast local run may go from SUBMITTED straight to its end).
 * - `run-ended`: a run reached an ended status (FINISHED, FAILED, ABORTED, SKIPPED, NOT_STARTED); sent once.
 * - `run-recorded`: an ended run got more facts (the notifier's rows loaded, duration).
 * - `message-published`: a message reached the outbox.
 * - `message-updated`: a message's deliveries changed (a subscriber delivered, failed an attempt or
 *   dead-lettered it); the message as `GET /api/inbox` now shows it.
 */
export const consoleEventNames = [
  'ready',
  'run-submitted',
  'run-updated',
  'run-ended',
  'run-recorded',
  'message-published',
  'message-updated',
] as const;

/** One console event: its name and payload. */
export const consoleEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('ready'), data: z.object({ at: z.string() }) }),
  z.object({ event: z.literal('run-submitted'), data: z.object({ run: runSummarySchema }) }),
  z.object({ event: z.literal('run-updated'), data: z.object({ run: runSummarySchema }) }),
  z.object({ event: z.literal('run-ended'), data: z.object({ run: runSummarySchema }) }),
  z.object({ event: z.literal('run-recorded'), data: z.object({ run: runSummarySchema }) }),
  z.object({ event: z.literal('message-published'), data: z.object({ message: inboxMessageSchema }) }),
  z.object({ event: z.literal('message-updated'), data: z.object({ message: inboxMessageSchema }) }),
]);
/** One console event. */
export type ConsoleEvent = z.infer<typeof consoleEventSchema>;
/** A console event's name. */
export type ConsoleEventName = ConsoleEvent['event'];
