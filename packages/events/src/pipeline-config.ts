import * as z from 'zod/mini';
import { checked } from './checked';
import { lazySchema } from './lazy-schema';
import { parseWithSchema } from './parse-with-schema';
import { scheduleExpressionProblem } from './schedule-expression-problem';
import { strictObject } from './strict-object';

/**
 * Pipeline names: lower-case letter first, then lower-case letters, digits and hyphens, 40 characters at most.
 *
 * @example
 * ```ts
 * pipelineNamePattern.test('nyc-taxi'); // true
 * pipelineNamePattern.test('NYC_taxi'); // false
 * ```
 */
export const pipelineNamePattern = /^[a-z][a-z0-9-]{0,39}$/;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch (error) {
    // Intl throws RangeError for an unknown zone; that is exactly the answer "not a time zone".
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/**
 * S3 URIs as COPY takes them: `s3://bucket/optional/prefix`.
 *
 * @example
 * ```ts
 * s3UriPattern.test('s3://shiftflow-sample/nyc_yellow_taxi_raw/'); // true
 * ```
 */
export const s3UriPattern = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s'\\$]*)?$/;

/**
 * IAM role ARNs: `arn:<partition>:iam::<12-digit account>:role/<path/name>`.
 *
 * @example
 * ```ts
 * iamRoleArnPattern.test('arn:aws:iam::123456789012:role/redshift-copy'); // true
 * ```
 */
export const iamRoleArnPattern = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/**
 * AWS Region names as COPY's REGION option takes them: `us-west-2`, `eu-central-1`, `us-gov-west-1`.
 *
 * @example
 * ```ts
 * awsRegionPattern.test('us-west-2'); // true
 * ```
 */
export const awsRegionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

const secretArnPattern = /^arn:aws(-[a-z]+)*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;
const identifierPattern = /^[a-z][a-z0-9-]{0,62}$/;
const databasePattern = /^[a-zA-Z_][a-zA-Z0-9_$]{0,126}$/;

/** Builds databaseSchema on its first use (see lazy-schema.ts). */
export const databaseSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.regex(databasePattern, 'must be a database name (letter or _ first)'),
  ),
);
/** A database name. */
export const databaseSchema = /* @__PURE__ */ databaseSchemaOnce();
/** Builds secretArnSchema on its first use (see lazy-schema.ts). */
export const secretArnSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.regex(secretArnPattern, 'must be a Secrets Manager secret ARN'),
  ),
);
/** A Secrets Manager secret ARN. */
export const secretArnSchema = /* @__PURE__ */ secretArnSchemaOnce();
/** Builds clusterIdentifierSchema on its first use (see lazy-schema.ts). */
export const clusterIdentifierSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.regex(identifierPattern, 'must be a cluster identifier (lower case)'),
  ),
);
/** A provisioned cluster identifier. */
export const clusterIdentifierSchema = /* @__PURE__ */ clusterIdentifierSchemaOnce();
/** Builds workgroupNameSchema on its first use (see lazy-schema.ts). */
export const workgroupNameSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.regex(/^[a-z0-9-]{3,64}$/, 'must be a workgroup name (3-64 of a-z 0-9 -)'),
  ),
);
/** A Serverless workgroup name. */
export const workgroupNameSchema = /* @__PURE__ */ workgroupNameSchemaOnce();
/** Builds pipelineNameSchema on its first use (see lazy-schema.ts). */
export const pipelineNameSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.regex(pipelineNamePattern, 'must match ^[a-z][a-z0-9-]{0,39}$'),
  ),
);
/** A pipeline name (see `pipelineNamePattern`). */
export const pipelineNameSchema = /* @__PURE__ */ pipelineNameSchemaOnce();
/** Builds eltSqlSchema on its first use (see lazy-schema.ts). */
export const eltSqlSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  z._default(
    /* @__PURE__ */ checked(
      /* @__PURE__ */ z.string(),
      /* @__PURE__ */ z.minLength(1),
      /* @__PURE__ */ z.maxLength(100_000),
    ),
    'CALL run_elt_process();',
  ),
);
/** The SQL a run executes. Defaults to `CALL run_elt_process();`. */
export const eltSqlSchema = /* @__PURE__ */ eltSqlSchemaOnce();

/**
 * A provisioned Redshift cluster reached with temporary credentials for `dbUser`, IAM identity or a secret.
 *
 * @example
 * ```ts
 * clusterTargetSchema.parse({ type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' });
 * ```
 */
export const clusterTargetSchema = /* @__PURE__ */ checked(
  /* @__PURE__ */ strictObject({
    type: /* @__PURE__ */ z.literal('cluster'),
    clusterIdentifier: clusterIdentifierSchema,
    database: databaseSchema,
    dbUser: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ checked(
        /* @__PURE__ */ z.string(),
        /* @__PURE__ */ z.minLength(1),
        /* @__PURE__ */ z.maxLength(128),
      ),
    ),
    secretArn: /* @__PURE__ */ z.optional(secretArnSchema),
  }),
  // The Data API takes one way to sign in; @shiftflow/data-api refuses both, so refuse them here, early.
  /* @__PURE__ */ z.refine((target) => target.dbUser === undefined || target.secretArn === undefined, {
    message:
      'has both dbUser and secretArn: give dbUser (temporary credentials), secretArn, or neither (IAM identity)',
  }),
);

/**
 * A provisioned Redshift cluster target.
 *
 * @example
 * ```ts
 * const target: ClusterTarget = { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' };
 * ```
 */
export type ClusterTarget = z.infer<typeof clusterTargetSchema>;

/**
 * A Redshift Serverless workgroup, reached with the caller's IAM identity or a secret.
 *
 * @example
 * ```ts
 * serverlessTargetSchema.parse({ type: 'serverless', workgroupName: 'default-workgroup', database: 'dev' });
 * ```
 */
export const serverlessTargetSchema = /* @__PURE__ */ strictObject({
  type: /* @__PURE__ */ z.literal('serverless'),
  workgroupName: workgroupNameSchema,
  database: databaseSchema,
  secretArn: /* @__PURE__ */ z.optional(secretArnSchema),
});

/**
 * A Redshift Serverless workgroup target.
 *
 * @example
 * ```ts
 * const target: ServerlessTarget = { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' };
 * ```
 */
export type ServerlessTarget = z.infer<typeof serverlessTargetSchema>;

/**
 * Where the pipeline's SQL runs: a provisioned cluster or a Serverless workgroup.
 *
 * @example
 * ```ts
 * const target = pipelineTargetSchema.parse(config.target);
 * ```
 */
export const pipelineTargetSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  clusterTargetSchema,
  serverlessTargetSchema,
]);

/**
 * Where the pipeline's SQL runs.
 *
 * @example
 * ```ts
 * const target: PipelineTarget = { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' };
 * ```
 */
export type PipelineTarget = z.infer<typeof pipelineTargetSchema>;

/**
 * When the pipeline runs: an EventBridge Scheduler expression and the IANA time zone it is read in.
 *
 * @example
 * ```ts
 * scheduleSchema.parse({ expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'America/New_York' });
 * ```
 */
export const scheduleSchema = /* @__PURE__ */ strictObject({
  expression: /* @__PURE__ */ checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.superRefine((value, context) => {
      const problem = scheduleExpressionProblem(value);
      if (problem !== undefined) {
        context.issues.push({ code: 'custom', input: value, message: `schedule "${value}" ${problem}` });
      }
    }),
  ),
  /** IANA time zone. Defaults to `UTC`. */
  timeZone: /* @__PURE__ */ z._default(
    /* @__PURE__ */ checked(
      /* @__PURE__ */ z.string(),
      /* @__PURE__ */ z.refine(isTimeZone, { message: 'must be an IANA time zone such as America/New_York' }),
    ),
    'UTC',
  ),
});

/**
 * When the pipeline runs.
 *
 * @example
 * ```ts
 * const schedule: Schedule = { expression: 'cron(0 11 * * ? *)', timeZone: 'America/New_York' };
 * ```
 */
export type Schedule = z.infer<typeof scheduleSchema>;

const repositoryPathSchema = /* @__PURE__ */ checked(
  /* @__PURE__ */ z.string(),
  /* @__PURE__ */ z.minLength(1),
  /* @__PURE__ */ z.refine((value) => !value.startsWith('/') && !value.split(/[\\/]/).includes('..'), {
    message: 'must be a repository-relative path without ".."',
  }),
);

/**
 * The one pipeline configuration both the local app and the CDK app read (`shiftflow.config.json`).
 *
 * @example
 * ```ts
 * const config = pipelineConfigSchema.parse(JSON.parse(readFileSync('shiftflow.config.json', 'utf8')));
 * ```
 */
export const pipelineConfigSchema = /* @__PURE__ */ strictObject({
  /** Pipeline name; prefixes every statement name (`<name>/<scheduled time>`). */
  name: pipelineNameSchema,
  schedule: scheduleSchema,
  target: pipelineTargetSchema,
  /** The SQL each run executes. Defaults to `CALL run_elt_process();`. */
  eltSql: eltSqlSchema,
  /** Setup SQL files, repository-relative, applied in this order. Defaults to none. */
  setupFiles: /* @__PURE__ */ z._default(/* @__PURE__ */ z.array(repositoryPathSchema), []),
  sourceS3Uri: /* @__PURE__ */ checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.regex(s3UriPattern, 'must be an S3 URI such as s3://bucket/prefix/'),
  ),
  redshiftIamRoleArn: /* @__PURE__ */ checked(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.regex(
      iamRoleArnPattern,
      'must be an IAM role ARN such as arn:aws:iam::123456789012:role/name',
    ),
  ),
  /**
   * AWS Region of the source bucket, given to COPY as `REGION '…'`. Defaults to none: COPY then reads
   * the bucket in the cluster's own Region (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html).
   */
  sourceRegion: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ checked(
      /* @__PURE__ */ z.string(),
      /* @__PURE__ */ z.regex(awsRegionPattern, 'must be an AWS Region such as us-west-2'),
    ),
  ),
  notificationEmail: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.email()),
});

/**
 * The validated pipeline configuration (defaults applied).
 *
 * @example
 * ```ts
 * const config: PipelineConfig = parsePipelineConfig(JSON.parse(readFileSync('shiftflow.config.json', 'utf8')));
 * ```
 */
export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;

/**
 * The pipeline configuration as written in the file (fields with defaults may be left out).
 *
 * @example
 * ```ts
 * const input: PipelineConfigInput = { name: 'nyc-taxi', schedule: { expression: 'cron(0 11 * * ? *)' }, target, setupFiles, sourceS3Uri, redshiftIamRoleArn };
 * ```
 */
export type PipelineConfigInput = z.input<typeof pipelineConfigSchema>;

/**
 * Parses a pipeline configuration, applying defaults; throws `EventParseError` listing every bad field.
 *
 * @example
 * ```ts
 * const config = parsePipelineConfig(JSON.parse(readFileSync('shiftflow.config.json', 'utf8')));
 * ```
 */
export function parsePipelineConfig(input: unknown): PipelineConfig {
  return parseWithSchema(pipelineConfigSchema, input, 'pipeline config');
}
