import * as z from 'zod/mini';
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
export const notificationSubjectSchema = z.string().check(
  z.minLength(1),
  z.maxLength(99, 'must be fewer than 100 characters'),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to reject control characters.
  z.regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
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
export const notificationSchema = z.object({
  pipelineName: z.string(),
  statementId: z.string().check(z.minLength(1)),
  statementName: z.optional(z.string()),
  state: terminalStatementStateSchema,
  /** FINISHED is a success; FAILED and ABORTED are failures. */
  outcome: z.enum(['success', 'failure']),
  trigger: z.optional(z.enum(['scheduled', 'manual'])),
  scheduledTime: z.optional(eventTimeSchema),
  finishedAt: z.optional(eventTimeSchema),
  durationMs: z.optional(z.number().check(z.nonnegative())),
  rowsLoaded: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** The Data API's error text, on failure. */
  error: z.optional(z.string()),
  /** The SQL that failed (the failing sub-statement's text), on failure. */
  failedSql: z.optional(z.string()),
  /** Link to the statement in the Redshift console. */
  consoleUrl: z.optional(z.url()),
  subject: notificationSubjectSchema,
  /** Plain-text body for people (the `default`/`email` variants). */
  body: z.string().check(z.minLength(1)),
  /** Short text for SMS. */
  sms: z.optional(z.string().check(z.maxLength(140))),
});

/** What the notifier announces about one finished run. */
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
export const snsMessageStructureSchema = z.looseObject({
  default: z.string(),
  email: z.optional(z.string()),
  sms: z.optional(z.string()),
});

/** The SNS `Message` of a publish with `MessageStructure: 'json'`. */
export type SnsMessageStructure = z.infer<typeof snsMessageStructureSchema>;
