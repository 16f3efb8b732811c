import { InvalidOptionError } from './errors';
import { optionalNumber } from './optional-number';
import type { ExecuteOptions } from './redshift-data-options';
import type { ConnectionFields } from './resolve-target';

/** The fields `ExecuteStatement` and `BatchExecuteStatement` share: where, how, and in which session. */
export interface ExecuteInput {
  ClusterIdentifier?: string | undefined;
  WorkgroupName?: string | undefined;
  Database?: string | undefined;
  DbUser?: string | undefined;
  SecretArn?: string | undefined;
  StatementName?: string;
  WithEvent?: boolean;
  ClientToken?: string;
  ResultFormat?: 'JSON' | 'CSV';
  SessionKeepAliveSeconds?: number;
  SessionId?: string;
}

/**
 * Checks the execute options and builds the shared request fields: the target's connection fields,
 * or only `SessionId` when the statement runs in an existing session.
 */
export function buildExecuteInput(
  connection: Readonly<ConnectionFields>,
  options: ExecuteOptions,
): ExecuteInput {
  if (
    options.resultFormat !== undefined &&
    options.resultFormat !== 'JSON' &&
    options.resultFormat !== 'CSV'
  ) {
    throw new InvalidOptionError(
      `resultFormat is ${JSON.stringify(options.resultFormat)}; expected 'JSON' or 'CSV'`,
      'resultFormat',
      options.resultFormat,
    );
  }
  const keepAlive = optionalNumber('sessionKeepAliveSeconds', options.sessionKeepAliveSeconds, 0, 86_400);
  if (keepAlive !== undefined && !Number.isInteger(keepAlive)) {
    throw new InvalidOptionError(
      `sessionKeepAliveSeconds is ${keepAlive}; it must be a whole number of seconds`,
      'sessionKeepAliveSeconds',
      keepAlive,
    );
  }
  for (const key of ['statementName', 'clientToken', 'sessionId'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new InvalidOptionError(
        `${key} is ${JSON.stringify(value)}; it must be a non-empty string`,
        key,
        value,
      );
    }
  }
  const input: ExecuteInput =
    options.sessionId === undefined ? { ...connection } : { SessionId: options.sessionId };
  if (options.statementName !== undefined) input.StatementName = options.statementName;
  if (options.withEvent !== undefined) input.WithEvent = options.withEvent;
  if (options.clientToken !== undefined) input.ClientToken = options.clientToken;
  if (options.resultFormat !== undefined) input.ResultFormat = options.resultFormat;
  if (keepAlive !== undefined) input.SessionKeepAliveSeconds = keepAlive;
  return input;
}
