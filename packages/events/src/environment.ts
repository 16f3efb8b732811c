import * as z from 'zod/mini';
import { checked } from './checked';
import { lazySchema } from './lazy-schema';
import { mergeShapes } from './merge-shapes';
import { parseWithSchema } from './parse-with-schema';
import {
  clusterIdentifierSchemaOnce,
  databaseSchemaOnce,
  eltSqlSchemaOnce,
  type PipelineConfig,
  type PipelineTarget,
  pipelineNameSchemaOnce,
  secretArnSchemaOnce,
  workgroupNameSchemaOnce,
} from './pipeline-config';

/**
 * Environment variables as the handlers get them.
 *
 * @example
 * ```ts
 * const environment: EnvironmentVariables = process.env;
 * ```
 */
export type EnvironmentVariables = Record<string, string | undefined>;

/** The target's variables, shared by both functions' environments. */
const targetEnvironmentFields = () => ({
  SHIFTFLOW_PIPELINE_NAME: pipelineNameSchemaOnce(),
  SHIFTFLOW_TARGET_TYPE: z.enum(['cluster', 'serverless']),
  SHIFTFLOW_CLUSTER_IDENTIFIER: z.optional(clusterIdentifierSchemaOnce()),
  SHIFTFLOW_WORKGROUP_NAME: z.optional(workgroupNameSchemaOnce()),
  SHIFTFLOW_DATABASE: databaseSchemaOnce(),
  SHIFTFLOW_DB_USER: z.optional(checked(z.string(), z.minLength(1))),
  SHIFTFLOW_SECRET_ARN: z.optional(secretArnSchemaOnce()),
});

type TargetEnvironment = {
  SHIFTFLOW_TARGET_TYPE: 'cluster' | 'serverless';
  SHIFTFLOW_CLUSTER_IDENTIFIER?: string | undefined;
  SHIFTFLOW_WORKGROUP_NAME?: string | undefined;
  SHIFTFLOW_DB_USER?: string | undefined;
};

const requireTargetFields = () =>
  z.superRefine((environment: TargetEnvironment, context) => {
    const missing =
      environment.SHIFTFLOW_TARGET_TYPE === 'cluster'
        ? environment.SHIFTFLOW_CLUSTER_IDENTIFIER === undefined && 'SHIFTFLOW_CLUSTER_IDENTIFIER'
        : environment.SHIFTFLOW_WORKGROUP_NAME === undefined && 'SHIFTFLOW_WORKGROUP_NAME';
    if (missing) {
      context.issues.push({
        code: 'custom',
        input: undefined,
        path: [missing],
        message: `is required when SHIFTFLOW_TARGET_TYPE is ${environment.SHIFTFLOW_TARGET_TYPE}`,
      });
    }
    if (environment.SHIFTFLOW_TARGET_TYPE === 'serverless' && environment.SHIFTFLOW_DB_USER !== undefined) {
      context.issues.push({
        code: 'custom',
        input: environment.SHIFTFLOW_DB_USER,
        path: ['SHIFTFLOW_DB_USER'],
        message: 'applies to clusters only; Serverless uses the caller identity or a secret',
      });
    }
  });

/**
 * The environment variables the runner handler reads (see `runnerEnvironment`).
 *
 * @example
 * ```ts
 * runnerEnvironmentSchema.parse(process.env);
 * ```
 */
/** Builds the runner's environment schema on its first use (see lazy-schema.ts). */
const runnerEnvironmentSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  checked(
    z.looseObject(mergeShapes(targetEnvironmentFields(), { SHIFTFLOW_ELT_SQL: eltSqlSchemaOnce() })),
    requireTargetFields(),
  ),
);

export const runnerEnvironmentSchema = /* @__PURE__ */ runnerEnvironmentSchemaOnce();

/**
 * The environment variables the runner handler reads.
 *
 * @example
 * ```ts
 * const environment: RunnerEnvironment = runnerEnvironment(config); // { SHIFTFLOW_PIPELINE_NAME: 'nyc-taxi', … }
 * ```
 */
export type RunnerEnvironment = z.infer<typeof runnerEnvironmentSchema>;

const ledgerTypes = ['dynamodb', 'file', 'memory'] as const;

/**
 * The environment variables the notifier handler reads (see `notifierEnvironment`).
 *
 * @example
 * ```ts
 * notifierEnvironmentSchema.parse(process.env);
 * ```
 */
/** Builds the notifier's environment schema on its first use (see lazy-schema.ts). */
const notifierEnvironmentSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  checked(
    /* @__PURE__ */ z.looseObject(
      /* @__PURE__ */ mergeShapes(targetEnvironmentFields(), {
        SHIFTFLOW_TOPIC_ARN: /* @__PURE__ */ checked(
          /* @__PURE__ */ z.string(),
          // Standard topics: 1-256 of letters, digits, - and _; FIFO topics end in `.fifo` within those 256.
          /* @__PURE__ */ z.regex(
            /^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:(?:[\w-]{1,256}|[\w-]{1,251}\.fifo)$/,
            'must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name> or <name>.fifo)',
          ),
        ),
        SHIFTFLOW_LEDGER_TYPE: /* @__PURE__ */ z.enum(ledgerTypes),
        SHIFTFLOW_LEDGER_TABLE: /* @__PURE__ */ z.optional(
          /* @__PURE__ */ checked(
            /* @__PURE__ */ z.string(),
            /* @__PURE__ */ z.regex(/^[a-zA-Z0-9_.-]{3,255}$/),
          ),
        ),
        SHIFTFLOW_LEDGER_PATH: /* @__PURE__ */ z.optional(
          /* @__PURE__ */ checked(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.minLength(1)),
        ),
        SHIFTFLOW_RECONCILE_WINDOW_HOURS: /* @__PURE__ */ z._default(
          /* @__PURE__ */ checked(
            /* @__PURE__ */ z.string(),
            /* @__PURE__ */ z.regex(/^[1-9]\d?$/, 'must be a whole number of hours from 1 to 99'),
          ),
          '6',
        ),
      }),
    ),
    requireTargetFields(),
    /* @__PURE__ */ z.superRefine((environment, context) => {
      const required =
        environment.SHIFTFLOW_LEDGER_TYPE === 'dynamodb'
          ? 'SHIFTFLOW_LEDGER_TABLE'
          : environment.SHIFTFLOW_LEDGER_TYPE === 'file'
            ? 'SHIFTFLOW_LEDGER_PATH'
            : undefined;
      if (required !== undefined && environment[required] === undefined) {
        context.issues.push({
          code: 'custom',
          input: undefined,
          path: [required],
          message: `is required when SHIFTFLOW_LEDGER_TYPE is ${environment.SHIFTFLOW_LEDGER_TYPE}`,
        });
      }
    }),
  ),
);

export const notifierEnvironmentSchema = /* @__PURE__ */ notifierEnvironmentSchemaOnce();

/**
 * The environment variables the notifier handler reads.
 *
 * @example
 * ```ts
 * const environment: NotifierEnvironment = notifierEnvironment(config, { topicArn, ledger: { type: 'memory' } });
 * ```
 */
export type NotifierEnvironment = z.infer<typeof notifierEnvironmentSchema>;

/**
 * Where the notifier remembers which statements it has announced.
 *
 * @example
 * ```ts
 * const ledger: LedgerSettings = { type: 'dynamodb', tableName: 'shiftflow-ledger' };
 * ```
 */
export type LedgerSettings =
  | { type: 'dynamodb'; tableName: string }
  | { type: 'file'; path: string }
  | { type: 'memory' };

/**
 * What the runner handler needs, read from its environment.
 *
 * @example
 * ```ts
 * const { pipelineName, target, eltSql }: RunnerSettings = parseRunnerEnvironment(process.env);
 * ```
 */
export interface RunnerSettings {
  pipelineName: string;
  target: PipelineTarget;
  eltSql: string;
}

/**
 * What the notifier handler needs, read from its environment.
 *
 * @example
 * ```ts
 * const { pipelineName, topicArn, ledger }: NotifierSettings = parseNotifierEnvironment(process.env);
 * ```
 */
export interface NotifierSettings {
  pipelineName: string;
  target: PipelineTarget;
  topicArn: string;
  ledger: LedgerSettings;
  /** How far back the reconciler looks for finished statements. */
  reconcileWindowHours: number;
}

function targetEnvironment(target: PipelineTarget): Record<string, string> {
  const common = {
    SHIFTFLOW_TARGET_TYPE: target.type,
    SHIFTFLOW_DATABASE: target.database,
    ...(target.secretArn === undefined ? {} : { SHIFTFLOW_SECRET_ARN: target.secretArn }),
  };
  if (target.type === 'cluster') {
    return {
      ...common,
      SHIFTFLOW_CLUSTER_IDENTIFIER: target.clusterIdentifier,
      ...(target.dbUser === undefined ? {} : { SHIFTFLOW_DB_USER: target.dbUser }),
    };
  }
  return { ...common, SHIFTFLOW_WORKGROUP_NAME: target.workgroupName };
}

function targetOf(
  environment: z.infer<typeof runnerEnvironmentSchema> | NotifierEnvironment,
): PipelineTarget {
  const secret =
    environment.SHIFTFLOW_SECRET_ARN === undefined ? {} : { secretArn: environment.SHIFTFLOW_SECRET_ARN };
  if (environment.SHIFTFLOW_TARGET_TYPE === 'cluster') {
    return {
      type: 'cluster',
      clusterIdentifier: environment.SHIFTFLOW_CLUSTER_IDENTIFIER ?? '',
      database: environment.SHIFTFLOW_DATABASE,
      ...(environment.SHIFTFLOW_DB_USER === undefined ? {} : { dbUser: environment.SHIFTFLOW_DB_USER }),
      ...secret,
    };
  }
  return {
    type: 'serverless',
    workgroupName: environment.SHIFTFLOW_WORKGROUP_NAME ?? '',
    database: environment.SHIFTFLOW_DATABASE,
    ...secret,
  };
}

/**
 * The Lambda environment variables of the runner for a pipeline; the local app and the CDK app both use it.
 *
 * @example
 * ```ts
 * new lambda.Function(this, 'Runner', { environment: runnerEnvironment(config), … });
 * ```
 */
export function runnerEnvironment(config: PipelineConfig): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: 'shiftflow-elt-runner',
    SHIFTFLOW_PIPELINE_NAME: config.name,
    ...targetEnvironment(config.target),
    SHIFTFLOW_ELT_SQL: config.eltSql,
  };
}

/**
 * Options of `notifierEnvironment`: what only the deployment knows.
 *
 * @example
 * ```ts
 * const options: NotifierEnvironmentOptions = { topicArn, ledger: { type: 'file', path: '.shiftflow/ledger' } };
 * ```
 */
export interface NotifierEnvironmentOptions {
  /** ARN of the SNS topic notifications are published to. */
  topicArn: string;
  /** Where announced statements are remembered. */
  ledger: LedgerSettings;
  /** How far back the reconciler looks. Defaults to 6 hours. */
  reconcileWindowHours?: number;
}

/**
 * The Lambda environment variables of the notifier for a pipeline; the local app and the CDK app both use it.
 *
 * @example
 * ```ts
 * notifierEnvironment(config, { topicArn: topic.topicArn, ledger: { type: 'dynamodb', tableName: table.tableName } });
 * ```
 */
export function notifierEnvironment(
  config: PipelineConfig,
  options: NotifierEnvironmentOptions,
): Record<string, string> {
  const ledger: Record<string, string> =
    options.ledger.type === 'dynamodb'
      ? { SHIFTFLOW_LEDGER_TYPE: 'dynamodb', SHIFTFLOW_LEDGER_TABLE: options.ledger.tableName }
      : options.ledger.type === 'file'
        ? { SHIFTFLOW_LEDGER_TYPE: 'file', SHIFTFLOW_LEDGER_PATH: options.ledger.path }
        : { SHIFTFLOW_LEDGER_TYPE: 'memory' };
  return {
    POWERTOOLS_SERVICE_NAME: 'shiftflow-notifier',
    SHIFTFLOW_PIPELINE_NAME: config.name,
    ...targetEnvironment(config.target),
    SHIFTFLOW_TOPIC_ARN: options.topicArn,
    ...ledger,
    SHIFTFLOW_RECONCILE_WINDOW_HOURS: String(options.reconcileWindowHours ?? 6),
  };
}

/**
 * Reads and validates the runner's settings from its environment; throws `EventParseError`
 * naming every bad or missing variable.
 *
 * @example
 * ```ts
 * const settings = parseRunnerEnvironment(process.env);
 * ```
 */
export function parseRunnerEnvironment(environment: EnvironmentVariables): RunnerSettings {
  const parsed = parseWithSchema(runnerEnvironmentSchemaOnce(), environment, 'runner environment');
  return {
    pipelineName: parsed.SHIFTFLOW_PIPELINE_NAME,
    target: targetOf(parsed),
    eltSql: parsed.SHIFTFLOW_ELT_SQL,
  };
}

/**
 * Reads and validates the notifier's settings from its environment; throws `EventParseError`
 * naming every bad or missing variable.
 *
 * @example
 * ```ts
 * const settings = parseNotifierEnvironment(process.env);
 * ```
 */
export function parseNotifierEnvironment(environment: EnvironmentVariables): NotifierSettings {
  const parsed = parseWithSchema(notifierEnvironmentSchemaOnce(), environment, 'notifier environment');
  const ledger: LedgerSettings =
    parsed.SHIFTFLOW_LEDGER_TYPE === 'dynamodb'
      ? { type: 'dynamodb', tableName: parsed.SHIFTFLOW_LEDGER_TABLE ?? '' }
      : parsed.SHIFTFLOW_LEDGER_TYPE === 'file'
        ? { type: 'file', path: parsed.SHIFTFLOW_LEDGER_PATH ?? '' }
        : { type: 'memory' };
  return {
    pipelineName: parsed.SHIFTFLOW_PIPELINE_NAME,
    target: targetOf(parsed),
    topicArn: parsed.SHIFTFLOW_TOPIC_ARN,
    ledger,
    reconcileWindowHours: Number(parsed.SHIFTFLOW_RECONCILE_WINDOW_HOURS),
  };
}
