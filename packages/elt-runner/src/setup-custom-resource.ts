import {
  type PipelineTarget,
  parseWithSchema,
  pipelineNamePattern,
  pipelineTargetSchema,
} from '@shiftflow/events';
import { planSetup, type SetupDataApi, setupFailureOf } from './apply-setup';
import { CustomResourceError } from './errors';
import type { SetupFile } from './read-setup-files';
import type { SetupValues } from './render-setup-sql';

/**
 * `ResourceProperties` of the setup custom resource. `SqlHash` is not read: it is there so that a change
 * of the SQL changes the properties and CloudFormation sends an Update.
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
  Data: { StatementId?: string; SqlHash?: string; StatementCount?: number };
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
export type SetupDataApiFactory = (target: PipelineTarget) => SetupDataApi;

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
  };
}

/**
 * `onEvent` of the setup custom resource (`cr.Provider`): on Create and Update renders the SQL files and
 * submits them as one BatchExecuteStatement; on Delete does nothing (tables keep their data). The physical
 * id stays `shiftflow-setup/<pipeline>` so an Update never makes CloudFormation delete the old resource.
 *
 * @example
 * ```ts
 * export const onEvent = (event: SetupResourceEvent) => onSetupEvent(event, (target) => new RedshiftData({ target: dataApiTargetOf(target) }));
 * ```
 */
export async function onSetupEvent(
  event: SetupResourceEvent,
  dataApiFor: SetupDataApiFactory,
): Promise<SetupOnEventResult> {
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId ?? 'shiftflow-setup', Data: {} };
  }
  const properties = setupResourcePropertiesOf(event.ResourceProperties);
  const plan = planSetup(properties.Files, properties.Values);
  const batch = await dataApiFor(properties.Target).executeBatch(
    plan.statements.map((statement) => statement.sql),
    { statementName: `shiftflow-setup/${properties.PipelineName}/${plan.sqlHash.slice(0, 12)}` },
  );
  return {
    PhysicalResourceId: `shiftflow-setup/${properties.PipelineName}`,
    Data: { StatementId: batch.id, SqlHash: plan.sqlHash, StatementCount: plan.statements.length },
  };
}

/**
 * `isComplete` of the setup custom resource: true once the batch FINISHED; throws
 * `SetupStatementFailedError` (naming file and statement) when it FAILED or was ABORTED, which fails the deploy.
 *
 * @example
 * ```ts
 * export const isComplete = (event: SetupResourceEvent) => isSetupComplete(event, dataApiFor);
 * ```
 */
export async function isSetupComplete(
  event: SetupResourceEvent,
  dataApiFor: SetupDataApiFactory,
): Promise<SetupIsCompleteResult> {
  const statementId = event.Data?.StatementId;
  if (event.RequestType === 'Delete' || statementId === undefined) return { IsComplete: true };
  if (typeof statementId !== 'string') throw new CustomResourceError('Data.StatementId', 'must be a string');
  const properties = setupResourcePropertiesOf(event.ResourceProperties);
  const description = await dataApiFor(properties.Target).describe(statementId);
  if (description.status === 'FAILED' || description.status === 'ABORTED') {
    throw setupFailureOf(description, planSetup(properties.Files, properties.Values));
  }
  if (description.status !== 'FINISHED') return { IsComplete: false };
  return {
    IsComplete: true,
    Data: { StatementId: statementId, SqlHash: String(event.Data?.SqlHash ?? '') },
  };
}
