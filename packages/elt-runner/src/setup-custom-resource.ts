import {
  type PipelineTarget,
  parseWithSchema,
  pipelineNamePattern,
  pipelineTargetSchema,
} from '@shiftflow/events';
import { type MigrationsDataApi, submitMigrations } from './apply-migrations';
import { planSetup, setupFailureOf } from './apply-setup';
import { cancelTimedOutBatch } from './cancel-timed-out-batch';
import { CustomResourceError } from './errors';
import type { SetupFile } from './read-setup-files';
import type { SetupValues } from './render-setup-sql';
import { version } from './version';

/**
 * `ResourceProperties` of the setup custom resource. `SqlHash` is not read: it is there so that a change
 * of the SQL changes the properties and CloudFormation sends an Update. `TimeoutSeconds`: `isComplete`
 * cancels a batch still running after this long (set below the provider's total timeout, so the batch is
 * cancelled before the deploy fails). `ActiveRunWaitSeconds`: how long `onEvent` waits for an active ELT run.
 *
 * @example
 * ```ts
 * const properties: SetupResourceProperties = setupResourcePropertiesOf(event.ResourceProperties);
 * ```
 */
export interface SetupResourceProperties {
  PipelineName: string;
  Target: PipelineTarget;
  Files: SetupFile[];
  Values: SetupValues;
  SqlHash?: string;
  TimeoutSeconds: number;
  ActiveRunWaitSeconds: number;
}

/**
 * The request a `cr.Provider` passes to `onEvent` (and, with `onEvent`'s output merged in, to `isComplete`).
 *
 * @example
 * ```ts
 * const event: SetupResourceEvent = { RequestType: 'Create', ResourceProperties: { PipelineName: 'nyc-taxi', Target, Files, Values } };
 * ```
 */
export interface SetupResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResourceProperties: Record<string, unknown>;
  PhysicalResourceId?: string;
  Data?: Record<string, unknown>;
}

/**
 * What `onEvent` returns.
 *
 * @example
 * ```ts
 * const { PhysicalResourceId, Data }: SetupOnEventResult = await onSetupEvent(event, dataApiFor);
 * ```
 */
export interface SetupOnEventResult {
  PhysicalResourceId: string;
  Data: {
    StatementId?: string;
    SqlHash?: string;
    StatementCount?: number;
    /** The files the batch applies, one per line (empty: nothing was pending). */
    Applied?: string;
    /** When the batch was submitted (ISO 8601): `isComplete` cancels it `TimeoutSeconds` later. */
    SubmittedAt?: string;
  };
}

/**
 * What `isComplete` returns.
 *
 * @example
 * ```ts
 * const { IsComplete }: SetupIsCompleteResult = await isSetupComplete(event, dataApiFor);
 * ```
 */
export interface SetupIsCompleteResult {
  IsComplete: boolean;
  Data?: Record<string, string | number>;
}

/**
 * Builds the Data API client for a target; the Lambda entry builds `RedshiftData`, tests pass mocks.
 *
 * @example
 * ```ts
 * const dataApiFor: SetupDataApiFactory = (target) => new RedshiftData({ target: dataApiTargetOf(target) });
 * ```
 */
export type SetupDataApiFactory = (target: PipelineTarget) => MigrationsDataApi;

/** A whole number of seconds; CloudFormation hands numbers to custom resources as strings. */
function optionalSeconds(properties: Record<string, unknown>, name: string, fallback: number): number {
  const value = properties[name];
  if (value === undefined) return fallback;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0)
    throw new CustomResourceError(name, `must be a whole number of seconds; got ${JSON.stringify(value)}`);
  return seconds;
}

function requireString(properties: Record<string, unknown>, name: string): string {
  const value = properties[name];
  if (typeof value !== 'string' || value === '')
    throw new CustomResourceError(name, `must be a non-empty string; got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Reads and checks the custom resource's properties; throws `CustomResourceError` naming the bad property.
 *
 * @example
 * ```ts
 * const properties = setupResourcePropertiesOf(event.ResourceProperties);
 * ```
 */
export function setupResourcePropertiesOf(properties: Record<string, unknown>): SetupResourceProperties {
  const pipelineName = requireString(properties, 'PipelineName');
  if (!pipelineNamePattern.test(pipelineName)) {
    throw new CustomResourceError('PipelineName', `"${pipelineName}" must match ${pipelineNamePattern}`);
  }
  let target: PipelineTarget;
  try {
    target = parseWithSchema(pipelineTargetSchema, properties.Target, 'custom resource Target');
  } catch (error) {
    throw new CustomResourceError('Target', error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const files = properties.Files;
  if (
    !Array.isArray(files) ||
    files.length === 0 ||
    !files.every(
      (file): file is SetupFile =>
        typeof file === 'object' &&
        file !== null &&
        typeof file.name === 'string' &&
        typeof file.sql === 'string',
    )
  ) {
    throw new CustomResourceError('Files', 'must be a non-empty list of { name, sql }');
  }
  const values = properties.Values;
  if (typeof values !== 'object' || values === null)
    throw new CustomResourceError('Values', 'must be an object');
  const valueRecord = values as Record<string, unknown>;
  return {
    PipelineName: pipelineName,
    Target: target,
    Files: files,
    Values: {
      sourceS3Uri: requireString(valueRecord, 'sourceS3Uri'),
      redshiftIamRoleArn: requireString(valueRecord, 'redshiftIamRoleArn'),
      // Optional: CloudFormation leaves the property out when the configuration has no source Region.
      ...(valueRecord.sourceRegion === undefined
        ? {}
        : { sourceRegion: requireString(valueRecord, 'sourceRegion') }),
    },
    TimeoutSeconds: optionalSeconds(properties, 'TimeoutSeconds', 1500),
    ActiveRunWaitSeconds: optionalSeconds(properties, 'ActiveRunWaitSeconds', 120),
  };
}

/**
 * `onEvent` of the setup custom resource (`cr.Provider`): on Create and Update applies the setup files as
 * migrations (`submitMigrations`): reads the ledger, refuses a changed applied migration, waits (bounded)
 * while an ELT run is active, and submits only the pending files with their ledger rows as one
 * BatchExecuteStatement; on Delete does nothing (tables keep their data). A rollback is an Update with the
 * previous properties: it applies only what is pending and never puts older SQL of a repeatable file back
 * (`neverReapplyOlder`); what it left alone goes to `log`. The physical id stays `shiftflow-setup/<pipeline>`
 * so an Update never makes CloudFormation delete the old resource.
 *
 * @example
 * ```ts
 * export const onEvent = (event: SetupResourceEvent) => onSetupEvent(event, (target) => new RedshiftData({ target: dataApiTargetOf(target) }));
 * ```
 */
export async function onSetupEvent(
  event: SetupResourceEvent,
  dataApiFor: SetupDataApiFactory,
  log: (message: string) => void = () => {},
): Promise<SetupOnEventResult> {
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId ?? 'shiftflow-setup', Data: {} };
  }
  const properties = setupResourcePropertiesOf(event.ResourceProperties);
  const physicalResourceId = `shiftflow-setup/${properties.PipelineName}`;
  const submitted = await submitMigrations({
    dataApi: dataApiFor(properties.Target),
    pipelineName: properties.PipelineName,
    files: properties.Files,
    values: properties.Values,
    appliedBy: `@shiftflow/elt-runner ${version} (CloudFormation ${event.RequestType})`,
    neverReapplyOlder: event.RequestType === 'Update',
    // A rollback with nothing to apply must not fail (UPDATE_ROLLBACK_FAILED) because a run is active.
    whenRunActive: 'fail-if-pending',
    activeRunWait: {
      timeoutMs: properties.ActiveRunWaitSeconds * 1000,
      onWait: (run) =>
        log(
          `waiting up to ${properties.ActiveRunWaitSeconds} s for ELT run ${run.statementName} (${run.id}, ${run.status})`,
        ),
    },
  });
  for (const note of submitted.plan.notes) log(note);
  if (submitted.batchId === undefined || submitted.setupPlan === undefined) {
    log(`nothing to apply: ${submitted.plan.unchanged.length} setup file(s) already applied as they are`);
    return { PhysicalResourceId: physicalResourceId, Data: { StatementCount: 0, Applied: '' } };
  }
  return {
    PhysicalResourceId: physicalResourceId,
    Data: {
      StatementId: submitted.batchId,
      SqlHash: submitted.setupPlan.sqlHash,
      StatementCount: submitted.setupPlan.statements.length,
      Applied: submitted.applied.map((migration) => migration.file.name).join('\n'),
      SubmittedAt: new Date().toISOString(),
    },
  };
}

/**
 * `isComplete` of the setup custom resource: true once the batch FINISHED (or when nothing was submitted);
 * throws `SetupStatementFailedError` (naming file and statement) when it FAILED or was ABORTED, and cancels a
 * batch still running `TimeoutSeconds` after it was submitted, then throws `SetupTimeoutError`: either fails
 * the deploy.
 *
 * @example
 * ```ts
 * export const isComplete = (event: SetupResourceEvent) => isSetupComplete(event, dataApiFor);
 * ```
 */
export async function isSetupComplete(
  event: SetupResourceEvent,
  dataApiFor: SetupDataApiFactory,
  now: () => number = Date.now,
): Promise<SetupIsCompleteResult> {
  const statementId = event.Data?.StatementId;
  if (event.RequestType === 'Delete' || statementId === undefined) return { IsComplete: true };
  if (typeof statementId !== 'string') throw new CustomResourceError('Data.StatementId', 'must be a string');
  const properties = setupResourcePropertiesOf(event.ResourceProperties);
  const dataApi = dataApiFor(properties.Target);
  const description = await dataApi.describe(statementId);
  if (description.status === 'FAILED' || description.status === 'ABORTED') {
    const applied = new Set(String(event.Data?.Applied ?? '').split('\n'));
    const files = properties.Files.filter((file) => applied.has(file.name));
    throw setupFailureOf(description, planSetup(files, properties.Values));
  }
  if (description.status !== 'FINISHED') {
    const submittedAt = Date.parse(String(event.Data?.SubmittedAt ?? ''));
    const timeoutMs = properties.TimeoutSeconds * 1000;
    if (Number.isFinite(submittedAt) && now() - submittedAt >= timeoutMs) {
      throw await cancelTimedOutBatch(dataApi, statementId, timeoutMs, description.status);
    }
    return { IsComplete: false };
  }
  return {
    IsComplete: true,
    Data: { StatementId: statementId, SqlHash: String(event.Data?.SqlHash ?? '') },
  };
}
