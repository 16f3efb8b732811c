import * as z from 'zod/mini';
import { eventTimeSchemaOnce } from './event-time-schema';
import { lazySchema } from './lazy-schema';
import { mergeShapes } from './merge-shapes';
import { parseWithSchema } from './parse-with-schema';

const scheduledEnvelopeFields = () => ({
  version: /* @__PURE__ */ z.string(),
  id: /* @__PURE__ */ z.string(),
  'detail-type': /* @__PURE__ */ z.literal('Scheduled Event'),
  account: /* @__PURE__ */ z.string(),
  /** The scheduled time, UTC. */
  time: eventTimeSchemaOnce(),
  region: /* @__PURE__ */ z.string(),
  resources: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
});

/** Builds scheduledRuleEventSchema on its first use (see lazy-schema.ts). */
export const scheduledRuleEventSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z.looseObject(
    /* @__PURE__ */ mergeShapes(scheduledEnvelopeFields(), {
      source: /* @__PURE__ */ z.literal('aws.events'),
      detail: /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.unknown()),
    }),
  ),
);
/**
 * The event an EventBridge scheduled rule sends: `source` `aws.events`, `detail` an empty object.
 *
 * @example
 * ```ts
 * const event = scheduledRuleEventSchema.parse(payload);
 * console.log(event.time);
 * ```
 */
export const scheduledRuleEventSchema = /* @__PURE__ */ scheduledRuleEventSchemaOnce();

/**
 * The event an EventBridge scheduled rule sends.
 *
 * @example
 * ```ts
 * const time = (event satisfies ScheduledRuleEvent).time; // the scheduled time
 * ```
 */
export type ScheduledRuleEvent = z.infer<typeof scheduledRuleEventSchema>;

/** Builds schedulerDefaultEventSchema on its first use (see lazy-schema.ts). */
export const schedulerDefaultEventSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z.looseObject(
    /* @__PURE__ */ mergeShapes(scheduledEnvelopeFields(), {
      source: /* @__PURE__ */ z.literal('aws.scheduler'),
      detail: /* @__PURE__ */ z.string(),
    }),
  ),
);
/**
 * EventBridge Scheduler's default payload (no target input): `source` `aws.scheduler` and
 * `detail` the **string** `"{}"`.
 *
 * @example
 * ```ts
 * schedulerDefaultEventSchema.parse({ ...envelope, source: 'aws.scheduler', detail: '{}' });
 * ```
 */
export const schedulerDefaultEventSchema = /* @__PURE__ */ schedulerDefaultEventSchemaOnce();

/**
 * EventBridge Scheduler's default payload.
 *
 * @example
 * ```ts
 * if (event.source === 'aws.scheduler') console.log((event satisfies SchedulerDefaultEvent).detail); // '{}'
 * ```
 */
export type SchedulerDefaultEvent = z.infer<typeof schedulerDefaultEventSchema>;

/** Builds schedulerInputEventSchema on its first use (see lazy-schema.ts). */
export const schedulerInputEventSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    source: /* @__PURE__ */ z.literal('shiftflow.scheduler'),
    /** `<aws.scheduler.scheduled-time>`: the scheduled time, UTC. */
    scheduledTime: eventTimeSchemaOnce(),
    scheduleArn: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    executionId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    /** `<aws.scheduler.attempt-number>` arrives as a string when substituted inside quotes. */
    attemptNumber: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.union([/* @__PURE__ */ z.number(), /* @__PURE__ */ z.string()]),
    ),
  }),
);
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
export const schedulerInputEventSchema = /* @__PURE__ */ schedulerInputEventSchemaOnce();

/**
 * The input shiftflow's schedules send.
 *
 * @example
 * ```ts
 * const event: SchedulerInputEvent = { source: 'shiftflow.scheduler', scheduledTime: '2026-11-30T16:00:00Z' };
 * ```
 */
export type SchedulerInputEvent = z.infer<typeof schedulerInputEventSchema>;

/** Builds scheduledEventSchema on its first use (see lazy-schema.ts). */
const scheduledEventSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('source', [
    scheduledRuleEventSchemaOnce(),
    schedulerDefaultEventSchemaOnce(),
    schedulerInputEventSchemaOnce(),
  ]),
);
/**
 * Any of the three forms a scheduled invocation takes: rule event, Scheduler default payload, Scheduler custom input.
 *
 * @example
 * ```ts
 * const event = scheduledEventSchema.parse(payload);
 * const at = scheduledTimeOf(event);
 * ```
 */
export const scheduledEventSchema = /* @__PURE__ */ scheduledEventSchemaOnce();

/**
 * Any of the three forms a scheduled invocation takes.
 *
 * @example
 * ```ts
 * const event: ScheduledEvent = parseScheduledEvent(input);
 * ```
 */
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
  return parseWithSchema(scheduledEventSchemaOnce(), input, 'scheduled event');
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
