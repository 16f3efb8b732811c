import * as z from 'zod/mini';
import { eventTimeSchema } from './event-time-schema';
import { parseWithSchema } from './parse-with-schema';

const isoTimeSchema = eventTimeSchema;

const scheduledEnvelopeFields = {
  version: z.string(),
  id: z.string(),
  'detail-type': z.literal('Scheduled Event'),
  account: z.string(),
  /** The scheduled time, UTC. */
  time: isoTimeSchema,
  region: z.string(),
  resources: z.array(z.string()),
};

/**
 * The event an EventBridge scheduled rule sends: `source` `aws.events`, `detail` an empty object.
 *
 * @example
 * ```ts
 * const event = scheduledRuleEventSchema.parse(payload);
 * console.log(event.time);
 * ```
 */
export const scheduledRuleEventSchema = z.looseObject({
  ...scheduledEnvelopeFields,
  source: z.literal('aws.events'),
  detail: z.record(z.string(), z.unknown()),
});

/** The event an EventBridge scheduled rule sends. */
export type ScheduledRuleEvent = z.infer<typeof scheduledRuleEventSchema>;

/**
 * EventBridge Scheduler's default payload (no target input): `source` `aws.scheduler` and
 * `detail` the **string** `"{}"`.
 *
 * @example
 * ```ts
 * schedulerDefaultEventSchema.parse({ ...envelope, source: 'aws.scheduler', detail: '{}' });
 * ```
 */
export const schedulerDefaultEventSchema = z.looseObject({
  ...scheduledEnvelopeFields,
  source: z.literal('aws.scheduler'),
  detail: z.string(),
});

/** EventBridge Scheduler's default payload. */
export type SchedulerDefaultEvent = z.infer<typeof schedulerDefaultEventSchema>;

/**
 * The input shiftflow's schedules send (a Scheduler target `Input` with context attributes substituted).
 *
 * @example
 * ```ts
 * // Input: {"source":"shiftflow.scheduler","scheduledTime":"<aws.scheduler.scheduled-time>",
 * //         "scheduleArn":"<aws.scheduler.schedule-arn>","executionId":"<aws.scheduler.execution-id>",
 * //         "attemptNumber":"<aws.scheduler.attempt-number>"}
 * schedulerInputEventSchema.parse(event);
 * ```
 */
export const schedulerInputEventSchema = z.looseObject({
  source: z.literal('shiftflow.scheduler'),
  /** `<aws.scheduler.scheduled-time>`: the scheduled time, UTC. */
  scheduledTime: isoTimeSchema,
  scheduleArn: z.optional(z.string()),
  executionId: z.optional(z.string()),
  /** `<aws.scheduler.attempt-number>` arrives as a string when substituted inside quotes. */
  attemptNumber: z.optional(z.union([z.number(), z.string()])),
});

/** The input shiftflow's schedules send. */
export type SchedulerInputEvent = z.infer<typeof schedulerInputEventSchema>;

/**
 * Any of the three forms a scheduled invocation takes: rule event, Scheduler default payload, Scheduler custom input.
 *
 * @example
 * ```ts
 * const event = scheduledEventSchema.parse(payload);
 * const at = scheduledTimeOf(event);
 * ```
 */
export const scheduledEventSchema = z.discriminatedUnion('source', [
  scheduledRuleEventSchema,
  schedulerDefaultEventSchema,
  schedulerInputEventSchema,
]);

/** Any of the three forms a scheduled invocation takes. */
export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;

/**
 * Parses a scheduled invocation in any of its forms; throws `EventParseError` listing every failing path.
 *
 * @example
 * ```ts
 * const event = parseScheduledEvent(payload);
 * ```
 */
export function parseScheduledEvent(input: unknown): ScheduledEvent {
  return parseWithSchema(scheduledEventSchema, input, 'scheduled event');
}

/**
 * The scheduled time of a scheduled invocation, whichever form it came in.
 *
 * @example
 * ```ts
 * scheduledTimeOf({ source: 'shiftflow.scheduler', scheduledTime: '2026-11-30T16:00:00Z' }); // Date 2026-11-30T16:00:00Z
 * ```
 */
export function scheduledTimeOf(event: ScheduledEvent): Date {
  return new Date(event.source === 'shiftflow.scheduler' ? event.scheduledTime : event.time);
}
