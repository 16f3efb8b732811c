/**
 * The results of the pipeline's functions, read back from their Lambda workers. A result crosses
 * the worker boundary as plain data, so it is parsed with a schema of the type the package exports
 * (`satisfies` keeps each schema in step with that type) instead of being cast to it.
 */
import type { EltRunResult } from '@shiftflow/elt-runner';
import { activeStatementStates, notificationSchema } from '@shiftflow/events';
import type { NotifyOutcome, ReconcileReport } from '@shiftflow/notifier';
import { z } from 'zod';
import { LocalAppError } from '../errors';

const runIdentity = {
  pipelineName: z.string(),
  runId: z.string(),
  trigger: z.enum(['scheduled', 'manual']),
  scheduledTime: z.string(),
  reason: z.string().optional(),
};

/** What the runner (`@shiftflow/elt-runner`'s handler) returns: a started or a skipped run. */
export const eltRunResultSchema = z.discriminatedUnion('status', [
  z.object({
    ...runIdentity,
    status: z.literal('started'),
    statementId: z.string(),
    clientToken: z.string(),
  }),
  z.object({
    ...runIdentity,
    status: z.literal('skipped'),
    skipReason: z.string(),
    activeStatementId: z.string(),
    // Kept as `undefined` by the worker's structured clone; absent if the result went through JSON.
    activeStatementName: z
      .string()
      .optional()
      .transform((name): string | undefined => name),
    activeStatus: z.enum(activeStatementStates),
  }),
]) satisfies z.ZodType<EltRunResult>;

const statementId = z.string();

/** What the notifier (`@shiftflow/notifier`'s handler) returns for one status-change event. */
export const notifyOutcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('announced'),
    statementId,
    messageId: z.string(),
    notification: notificationSchema,
  }),
  z.object({ status: z.literal('already-announced'), statementId }),
  z.object({ status: z.literal('in-progress'), statementId }),
  z.object({ status: z.literal('ignored'), statementId, reason: z.string() }),
]) satisfies z.ZodType<NotifyOutcome>;

/** What the reconciler (`@shiftflow/notifier`'s `reconcile` export) returns. */
export const reconcileReportSchema = z.object({
  examined: z.number(),
  announced: z.array(z.string()),
  notifications: z.array(notificationSchema),
  alreadyAnnounced: z.number(),
  inProgress: z.number(),
}) satisfies z.ZodType<ReconcileReport>;

/**
 * Parses a function's result with its schema.
 *
 * @throws LocalAppError (code `LAMBDA_INVOCATION`) naming the function and the first field that
 *   does not fit, when the result is not what the function's package returns (a stale bundle).
 * @example
 * const report = parseLambdaResult(reconcileReportSchema, await host.invoke(name, event), name);
 */
export function parseLambdaResult<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  functionName: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new LocalAppError(
    'LAMBDA_INVOCATION',
    `${functionName} returned a result the local app does not understand (${issue?.path.join('.') || 'result'}: ${issue?.message ?? 'invalid'}); rebuild its package (pnpm build) so the bundle matches this app`,
    { cause: parsed.error },
  );
}
