import * as z from 'zod/mini';
import { checked } from './checked';
import { eventTimeSchema } from './event-time-schema';
import { parseWithSchema } from './parse-with-schema';
import { terminalStatementStateSchema } from './statement-state';

/**
 * An SNS subject: fewer than 100 characters, no line breaks or other control characters.
 *
 * @example
 * ```ts
 * notificationSubjectSchema.parse('shiftflow nyc-taxi: load FAILED');
 * ```
 */
export const notificationSubjectSchema = /* @__PURE__ */ checked(
  /* @__PURE__ */ z.string(),
  /* @__PURE__ */ z.minLength(1),
  /* @__PURE__ */ z.maxLength(99, 'must be fewer than 100 characters'),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to reject control characters.
  /* @__PURE__ */ z.regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
);

/**
 * What the notifier announces about one finished run: the facts a person needs and the message texts.
 *
 * @example
 * ```ts
 * const notification = notificationSchema.parse({
 *   pipelineName: 'nyc-taxi', statementId, state: 'FAILED', outcome: 'failure',
 *   subject: 'shiftflow nyc-taxi: load FAILED', body: '…', error: 'ERROR: …',
 * });
 * ```
 */
export const notificationSchema = /* @__PURE__ */ z.object({
  pipelineName: /* @__PURE__ */ z.string(),
  statementId: /* @__PURE__ */ checked(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.minLength(1)),
  statementName: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  state: terminalStatementStateSchema,
  /** FINISHED is a success; FAILED and ABORTED are failures. */
  outcome: /* @__PURE__ */ z.enum(['success', 'failure']),
  trigger: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.enum(['scheduled', 'manual'])),
  scheduledTime: /* @__PURE__ */ z.optional(eventTimeSchema),
  finishedAt: /* @__PURE__ */ z.optional(eventTimeSchema),
  durationMs: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ checked(/* @__PURE__ */ z.number(), /* @__PURE__ */ z.nonnegative()),
  ),
  rowsLoaded: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ checked(
      /* @__PURE__ */ z.number(),
      /* @__PURE__ */ z.int(),
      /* @__PURE__ */ z.nonnegative(),
    ),
  ),
  /** The Data API's error text, on failure. */
  error: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  /** The SQL that failed (the failing sub-statement's text), on failure. */
  failedSql: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  /** Link to the statement in the Redshift console. */
  consoleUrl: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.url()),
  subject: notificationSubjectSchema,
  /** Plain-text body for people (the `default`/`email` variants). */
  body: /* @__PURE__ */ checked(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.minLength(1)),
  /** Short text for SMS. */
  sms: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ checked(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.maxLength(140)),
  ),
});

/**
 * What the notifier announces about one finished run.
 *
 * @example
 * ```ts
 * const notification: Notification = parseNotification(JSON.parse(outboxLine));
 * ```
 */
export type Notification = z.infer<typeof notificationSchema>;

/**
 * Parses a notification; throws `EventParseError` listing every failing path and value.
 *
 * @example
 * ```ts
 * const notification = parseNotification(JSON.parse(outboxFile));
 * ```
 */
export function parseNotification(input: unknown): Notification {
  return parseWithSchema(notificationSchema, input, 'notification');
}

/**
 * The SNS `Message` of a publish with `MessageStructure: 'json'`: a `default` text plus per-protocol variants.
 *
 * @example
 * ```ts
 * const message = snsMessageStructureSchema.parse(JSON.parse(publish.Message));
 * ```
 */
export const snsMessageStructureSchema = /* @__PURE__ */ z.looseObject({
  default: /* @__PURE__ */ z.string(),
  email: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  sms: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
});

/**
 * The SNS `Message` of a publish with `MessageStructure: 'json'`.
 *
 * @example
 * ```ts
 * const message: SnsMessageStructure = { default: body, email: body, sms: 'shiftflow nyc-taxi run FAILED' };
 * ```
 */
export type SnsMessageStructure = z.infer<typeof snsMessageStructureSchema>;
