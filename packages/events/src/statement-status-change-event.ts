import * as z from 'zod/mini';
import { eventTimeSchema } from './event-time-schema';
import { parseWithSchema } from './parse-with-schema';
import { terminalStatementStateSchema } from './statement-state';

/** `source` of the Data API's completion events. */
export const statusChangeSource = 'aws.redshift-data';

/** `detail-type` of the Data API's completion events. */
export const statusChangeDetailType = 'Redshift Data Statement Status Change';

/**
 * `detail` of a "Redshift Data Statement Status Change" event.
 *
 * @example
 * ```ts
 * statementStatusChangeDetailSchema.parse(event.detail).state; // 'FINISHED'
 * ```
 */
export const statementStatusChangeDetailSchema = z.looseObject({
  /** ARN of the caller that ran the statement. */
  principal: z.string(),
  /** `StatementName` from the request; absent when the statement had none. */
  statementName: z.optional(z.string()),
  statementId: z.string().check(z.minLength(1)),
  /** −1 when unknown. */
  redshiftQueryId: z.optional(z.number()),
  state: terminalStatementStateSchema,
  /** Result or affected rows. */
  rows: z.optional(z.number()),
  /** Epoch seconds when the results expire. */
  expireAt: z.optional(z.number()),
});

/** `detail` of a "Redshift Data Statement Status Change" event. */
export type StatementStatusChangeDetail = z.infer<typeof statementStatusChangeDetailSchema>;

/**
 * The full EventBridge envelope of a "Redshift Data Statement Status Change" event.
 *
 * @example
 * ```ts
 * const event = statementStatusChangeEventSchema.parse(payload);
 * if (event.detail.state !== 'FINISHED') console.error('failed', event.detail.statementId);
 * ```
 */
export const statementStatusChangeEventSchema = z.looseObject({
  version: z.string(),
  id: z.string(),
  'detail-type': z.literal(statusChangeDetailType),
  source: z.literal(statusChangeSource),
  account: z.string(),
  time: eventTimeSchema,
  region: z.string(),
  resources: z.array(z.string()),
  detail: statementStatusChangeDetailSchema,
});

/** The full EventBridge envelope of a "Redshift Data Statement Status Change" event. */
export type StatementStatusChangeEvent = z.infer<typeof statementStatusChangeEventSchema>;

/**
 * Parses a status-change event; throws `EventParseError` listing every failing path and value.
 *
 * @example
 * ```ts
 * const { detail } = parseStatementStatusChangeEvent(event);
 * ```
 */
export function parseStatementStatusChangeEvent(input: unknown): StatementStatusChangeEvent {
  return parseWithSchema(statementStatusChangeEventSchema, input, 'statement status change event');
}
