import { InvalidTargetError } from './errors';

/**
 * A provisioned cluster: `clusterIdentifier`, `database`, and at most one of `dbUser` (temporary
 * credentials for that database user) or `secretArn` (a Secrets Manager secret). With neither, the
 * Data API signs in as the caller's IAM identity (database user `IAMR:<role>` or `IAM:<user>`).
 *
 * @example
 * ```ts
 * const target: ClusterTarget = { clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' };
 * ```
 */
export interface ClusterTarget {
  clusterIdentifier: string;
  database: string;
  dbUser?: string | undefined;
  secretArn?: string | undefined;
}

/**
 * An Amazon Redshift Serverless workgroup: `workgroupName`, `database`, and optionally `secretArn`
 * (without it the caller's IAM identity is used).
 *
 * @example
 * ```ts
 * const target: WorkgroupTarget = { workgroupName: 'analytics', database: 'dev' };
 * ```
 */
export interface WorkgroupTarget {
  workgroupName: string;
  database: string;
  secretArn?: string | undefined;
}

/**
 * Where statements run: exactly one of a provisioned cluster or a Serverless workgroup.
 *
 * @example
 * ```ts
 * const target: RedshiftTarget = { workgroupName: 'analytics', database: 'dev' };
 * ```
 */
export type RedshiftTarget = ClusterTarget | WorkgroupTarget;

/**
 * The connection fields every Data API request carries, as `resolveTarget()` builds them.
 *
 * @example
 * ```ts
 * const fields: ConnectionFields = { WorkgroupName: 'analytics', Database: 'dev' };
 * ```
 */
export interface ConnectionFields {
  ClusterIdentifier?: string | undefined;
  WorkgroupName?: string | undefined;
  Database: string;
  DbUser?: string | undefined;
  SecretArn?: string | undefined;
}

const knownKeys = new Set(['clusterIdentifier', 'workgroupName', 'database', 'dbUser', 'secretArn', 'type']);
const usage =
  'pass { clusterIdentifier, database, dbUser | secretArn } for a cluster or { workgroupName, database, secretArn? } for a Serverless workgroup';

/**
 * Checks a target and turns it into the Data API's connection fields, throwing
 * {@link InvalidTargetError} that names what is wrong. A `type` of `'cluster'` or `'serverless'`
 * (as in the pipeline configuration) is accepted when it agrees with the other fields.
 *
 * @example
 * ```ts
 * resolveTarget({ workgroupName: 'analytics', database: 'dev' }); // { WorkgroupName: 'analytics', Database: 'dev' }
 * resolveTarget({ clusterIdentifier: 'c1', workgroupName: 'w1', database: 'dev' }); // throws InvalidTargetError
 * ```
 */
export function resolveTarget(target: unknown): ConnectionFields {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    throw new InvalidTargetError(`target is ${describe(target)}; ${usage}`, target);
  }
  const fields = target as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !knownKeys.has(key));
  if (unknown.length > 0) {
    throw new InvalidTargetError(
      `target has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}; ${usage}`,
      target,
    );
  }
  for (const key of ['clusterIdentifier', 'workgroupName', 'database', 'dbUser', 'secretArn']) {
    const value = fields[key];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      throw new InvalidTargetError(
        `target.${key} is ${describe(value)}; it must be a non-empty string`,
        target,
      );
    }
  }
  const { clusterIdentifier, workgroupName, database, dbUser, secretArn, type } = fields as Record<
    string,
    string | undefined
  >;
  if (clusterIdentifier !== undefined && workgroupName !== undefined) {
    throw new InvalidTargetError(
      `target has both clusterIdentifier "${clusterIdentifier}" and workgroupName "${workgroupName}"; give exactly one`,
      target,
    );
  }
  if (clusterIdentifier === undefined && workgroupName === undefined) {
    throw new InvalidTargetError(`target has neither clusterIdentifier nor workgroupName; ${usage}`, target);
  }
  const place =
    clusterIdentifier !== undefined ? `cluster "${clusterIdentifier}"` : `workgroup "${workgroupName}"`;
  if (database === undefined) {
    throw new InvalidTargetError(`target ${place} has no database; add database (for example 'dev')`, target);
  }
  if (secretArn !== undefined && !secretArn.startsWith('arn:')) {
    throw new InvalidTargetError(
      `target.secretArn "${secretArn}" is not an ARN (arn:aws:secretsmanager:…)`,
      target,
    );
  }
  if (clusterIdentifier !== undefined) {
    if (type !== undefined && type !== 'cluster') {
      throw new InvalidTargetError(`target.type is "${type}" but the target names ${place}`, target);
    }
    if (dbUser !== undefined && secretArn !== undefined) {
      throw new InvalidTargetError(
        `target ${place} has both dbUser "${dbUser}" and secretArn "${secretArn}"; give exactly one`,
        target,
      );
    }
    return withoutUndefined({
      ClusterIdentifier: clusterIdentifier,
      Database: database,
      DbUser: dbUser,
      SecretArn: secretArn,
    });
  }
  if (type !== undefined && type !== 'serverless') {
    throw new InvalidTargetError(`target.type is "${type}" but the target names ${place}`, target);
  }
  if (dbUser !== undefined) {
    throw new InvalidTargetError(
      `target ${place} has dbUser "${dbUser}", which Serverless workgroups do not support; use secretArn or the caller's IAM identity`,
      target,
    );
  }
  return withoutUndefined({ WorkgroupName: workgroupName, Database: database, SecretArn: secretArn });
}

function withoutUndefined(fields: ConnectionFields): ConnectionFields {
  const result: ConnectionFields = { Database: fields.Database };
  if (fields.ClusterIdentifier !== undefined) result.ClusterIdentifier = fields.ClusterIdentifier;
  if (fields.WorkgroupName !== undefined) result.WorkgroupName = fields.WorkgroupName;
  if (fields.DbUser !== undefined) result.DbUser = fields.DbUser;
  if (fields.SecretArn !== undefined) result.SecretArn = fields.SecretArn;
  return result;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
