import * as z from 'zod/mini';
import { checked } from './checked';
import { eventTimeSchema } from './event-time-schema';
import { parseWithSchema } from './parse-with-schema';
import {
  scheduledRuleEventSchema,
  scheduledTimeOf,
  schedulerDefaultEventSchema,
  schedulerInputEventSchema,
} from './scheduled-event';
import type { RunTrigger } from './statement-name';

/**
 * A run someone asked for by hand, with the reason (kept in the logs and the run's name).
 *
 * @example
 * ```ts
 * manualRunRequestSchema.parse({ source: 'shiftflow.manual', reason: 'reload after fixing the source files' });
 * ```
 */
export const manualRunRequestSchema = /* @__PURE__ */ z.strictObject({
  source: /* @__PURE__ */ z.literal('shiftflow.manual'),
  reason: /* @__PURE__ */ checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.minLength(1, 'must say why the run was started'),
    /* @__PURE__ */ z.maxLength(500),
  ),
  requestedBy: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ checked(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.maxLength(200)),
  ),
  /** Time the run stands for; a retried request with the same time starts no second run. Defaults to now. */
  runTime: /* @__PURE__ */ z.optional(eventTimeSchema),
});

/**
 * A run someone asked for by hand.
 *
 * @example
 * ```ts
 * const request: ManualRunRequest = { source: 'shiftflow.manual', reason: 'reload after fixing the source files' };
 * ```
 */
export type ManualRunRequest = z.infer<typeof manualRunRequestSchema>;

/**
 * What the runner accepts: any scheduled event form, or a manual run request.
 *
 * @example
 * ```ts
 * const input = runnerInputSchema.parse(event);
 * ```
 */
export const runnerInputSchema = /* @__PURE__ */ z.discriminatedUnion('source', [
  scheduledRuleEventSchema,
  schedulerDefaultEventSchema,
  schedulerInputEventSchema,
  manualRunRequestSchema,
]);

/**
 * What the runner accepts.
 *
 * @example
 * ```ts
 * const input: RunnerInput = parseRunnerInput(event);
 * ```
 */
export type RunnerInput = z.infer<typeof runnerInputSchema>;

/**
 * Parses the runner's input; throws `EventParseError` listing every failing path and value.
 *
 * @example
 * ```ts
 * const input = parseRunnerInput(event);
 * ```
 */
export function parseRunnerInput(input: unknown): RunnerInput {
  return parseWithSchema(runnerInputSchema, input, 'runner input');
}

/**
 * A run request reduced to what the runner needs.
 *
 * @example
 * ```ts
 * const { trigger, scheduledTime }: RunRequest = runRequestOf(parseRunnerInput(event), new Date());
 * ```
 */
export interface RunRequest {
  trigger: RunTrigger;
  /** Scheduled time, or the manual request's run time. */
  scheduledTime: Date;
  /** Why a manual run was started. */
  reason?: string;
  requestedBy?: string;
}

/**
 * Reduces any runner input to trigger, scheduled time and reason. A manual request without
 * `runTime` stands for `now`.
 *
 * @example
 * ```ts
 * runRequestOf(parseRunnerInput(event), new Date()); // { trigger: 'scheduled', scheduledTime: Date }
 * ```
 */
export function runRequestOf(input: RunnerInput, now: Date): RunRequest {
  if (input.source === 'shiftflow.manual') {
    return {
      trigger: 'manual',
      scheduledTime: input.runTime === undefined ? now : new Date(input.runTime),
      reason: input.reason,
      ...(input.requestedBy === undefined ? {} : { requestedBy: input.requestedBy }),
    };
  }
  return { trigger: 'scheduled', scheduledTime: scheduledTimeOf(input) };
}
