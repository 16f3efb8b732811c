import * as z from 'zod/mini';
import { checked } from './checked';
import { eventTimeSchemaOnce } from './event-time-schema';
import { lazySchema } from './lazy-schema';
import { parseWithSchema } from './parse-with-schema';
import { terminalStatementStateSchema } from './statement-state';

/**
 * `source` of the Data API's completion events.
 *
 * @example
 * ```ts
 * const pattern = { source: [statusChangeSource] }; // ['aws.redshift-data']
 * ```
 */
export const statusChangeSource = 'aws.redshift-data';

/**
 * `detail-type` of the Data API's completion events.
 *
 * @example
 * ```ts
 * const pattern = { 'detail-type': [statusChangeDetailType] }; // ['Redshift Data Statement Status Change']
 * ```
 */
export const statusChangeDetailType = 'Redshift Data Statement Status Change';

/** Builds statementStatusChangeDetailSchema on its first use (see lazy-schema.ts). */
export const statementStatusChangeDetailSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    /** ARN of the caller that ran the statement. */
    principal: /* @__PURE__ */ z.string(),
    /** `StatementName` from the request; absent when the statement had none. */
    statementName: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    statementId: /* @__PURE__ */ checked(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.minLength(1)),
    /** −1 when unknown. */
    redshiftQueryId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
    state: terminalStatementStateSchema,
    /** Result or affected rows. */
    rows: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
    /** Epoch seconds when the results expire. */
    expireAt: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
  }),
);
/**
 * `detail` of a "Redshift Data Statement Status Change" event.
 *
 * @example
 * ```ts
 * statementStatusChangeDetailSchema.parse(event.detail).state; // 'FINISHED'
 * ```
 */
export const statementStatusChangeDetailSchema = /* @__PURE__ */ statementStatusChangeDetailSchemaOnce();

/**
 * `detail` of a "Redshift Data Statement Status Change" event.
 *
 * @example
 * ```ts
 * const { statementId, statementName, state }: StatementStatusChangeDetail = event.detail;
 * ```
 */
export type StatementStatusChangeDetail = z.infer<typeof statementStatusChangeDetailSchema>;

/** Builds statementStatusChangeEventSchema on its first use (see lazy-schema.ts). */
export const statementStatusChangeEventSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    version: /* @__PURE__ */ z.string(),
    id: /* @__PURE__ */ z.string(),
    'detail-type': /* @__PURE__ */ z.literal(statusChangeDetailType),
    source: /* @__PURE__ */ z.literal(statusChangeSource),
    account: /* @__PURE__ */ z.string(),
    time: eventTimeSchemaOnce(),
    region: /* @__PURE__ */ z.string(),
    resources: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    detail: statementStatusChangeDetailSchemaOnce(),
  }),
);
/**
 * The full EventBridge envelope of a "Redshift Data Statement Status Change" event.
 *
 * @example
 * ```ts
 * const event = statementStatusChangeEventSchema.parse(payload);
 * if (event.detail.state !== 'FINISHED') console.error('failed', event.detail.statementId);
 * ```
 */
export const statementStatusChangeEventSchema = /* @__PURE__ */ statementStatusChangeEventSchemaOnce();

/**
 * The full EventBridge envelope of a "Redshift Data Statement Status Change" event.
 *
 * @example
 * ```ts
 * const event: StatementStatusChangeEvent = parseStatementStatusChangeEvent(input);
 * ```
 */
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
  return parseWithSchema(statementStatusChangeEventSchemaOnce(), input, 'statement status change event');
}
