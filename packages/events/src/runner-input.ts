import * as z from 'zod/mini';
import { checked } from './checked';
import { eventTimeSchemaOnce } from './event-time-schema';
import { lazySchema } from './lazy-schema';
import { parseWithSchema } from './parse-with-schema';
import {
  scheduledRuleEventSchemaOnce,
  scheduledTimeOf,
  schedulerDefaultEventSchemaOnce,
  schedulerInputEventSchemaOnce,
} from './scheduled-event';
import type { RunTrigger } from './statement-name';

/** Builds manualRunRequestSchema on its first use (see lazy-schema.ts). */
export const manualRunRequestSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
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
    runTime: z.optional(eventTimeSchemaOnce()),
  }),
);
/**
 * A run someone asked for by hand, with the reason (kept in the logs and the run's name).
 *
 * @example
 * ```ts
 * manualRunRequestSchema.parse({ source: 'shiftflow.manual', reason: 'reload after fixing the source files' });
 * ```
 */
export const manualRunRequestSchema = /* @__PURE__ */ manualRunRequestSchemaOnce();

/**
 * A run someone asked for by hand.
 *
 * @example
 * ```ts
 * const request: ManualRunRequest = { source: 'shiftflow.manual', reason: 'reload after fixing the source files' };
 * ```
 */
export type ManualRunRequest = z.infer<typeof manualRunRequestSchema>;

/** Builds runnerInputSchema on its first use (see lazy-schema.ts). */
const runnerInputSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('source', [
    scheduledRuleEventSchemaOnce(),
    schedulerDefaultEventSchemaOnce(),
    schedulerInputEventSchemaOnce(),
    manualRunRequestSchemaOnce(),
  ]),
);
/**
 * What the runner accepts: any scheduled event form, or a manual run request.
 *
 * @example
 * ```ts
 * const input = runnerInputSchema.parse(event);
 * ```
 */
export const runnerInputSchema = /* @__PURE__ */ runnerInputSchemaOnce();

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
  // The branch the union would pick by `source` (same result, same issues), built alone: an
  // invocation builds only the schema of its own kind of input. Anything else gets the union's error.
  const source =
    typeof input === 'object' && input !== null ? (input as { source?: unknown }).source : undefined;
  const schema =
    source === 'shiftflow.scheduler'
      ? schedulerInputEventSchemaOnce()
      : source === 'shiftflow.manual'
        ? manualRunRequestSchemaOnce()
        : source === 'aws.scheduler'
          ? schedulerDefaultEventSchemaOnce()
          : source === 'aws.events'
            ? scheduledRuleEventSchemaOnce()
            : runnerInputSchemaOnce();
  return parseWithSchema(schema, input, 'runner input');
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
