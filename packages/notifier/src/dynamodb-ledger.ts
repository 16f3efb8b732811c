import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  DeleteItemCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { isRetryableAwsError } from '@shiftflow/data-api';
import { LedgerError, type LedgerOperation, NotifierConfigurationError } from './errors';
import {
  assertStatementId,
  epochSeconds,
  type Ledger,
  type LedgerClaim,
  type LedgerTimings,
  resolveLedgerTimings,
} from './ledger';
import { byStartTime, type StartedRunRecord, type StartedRunRegister } from './started-run-register';

/** Partition key prefix of started-run items, apart from the announcement items keyed by the bare id. */
const STARTED_KEY_PREFIX = 'started/';

/**
 * Options of {@link DynamoDbLedger}: a ready client or client config (never both), the table and timings.
 *
 * @example
 * ```ts
 * const options: DynamoDbLedgerOptions = { tableName: 'shiftflow-ledger', clientConfig: { region: 'us-east-1' } };
 * ```
 */
export type DynamoDbLedgerOptions = ({ client?: DynamoDBClient } | { clientConfig?: DynamoDBClientConfig }) &
  LedgerTimings & {
    /** The table; its partition key is the string attribute `statementId`. */
    tableName: string;
    /** The table's time-to-live attribute (epoch seconds). Defaults to `expiresAt`. */
    timeToLiveAttribute?: string;
  };

type ClaimedLedgerClaim = Extract<LedgerClaim, { status: 'claimed' }>;

/**
 * A {@link Ledger} in a DynamoDB table: one item per statement, written with conditional
 * requests so two concurrent announcers never both win, and expired through the table's TTL.
 *
 * Items: `statementId` (partition key), `state` (`claimed` | `announced`), `token`,
 * `leaseExpiresAt` and the TTL attribute (epoch seconds), `announcedAt`. An item whose TTL has
 * passed counts as absent even before DynamoDB deletes it.
 *
 * Started runs ({@link StartedRunRegister}) are items keyed `started/<statementId>` with `state`
 * `started`, `runStatementId`, `statementName` and `startedAt` (epoch milliseconds); the reconciler
 * finds them with a Scan filtered on `state` (the table holds one item per run for the retention,
 * a few hundred kilobytes at most for a run every 15 minutes kept 7 days), so the role that
 * reconciles needs `dynamodb:Scan` on the table.
 *
 * @example
 * ```ts
 * const ledger = new DynamoDbLedger({ tableName: process.env.SHIFTFLOW_LEDGER_TABLE! });
 * const claim = await ledger.claim('d9b6c0c9-0747-4bf4-b142-e8883122f766');
 * ```
 */
export class DynamoDbLedger implements Ledger, StartedRunRegister {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #timeToLiveAttribute: string;
  readonly #leaseSeconds: number;
  readonly #retentionSeconds: number;
  readonly #now: () => Date;

  constructor(options: DynamoDbLedgerOptions) {
    if ('client' in options && 'clientConfig' in options) {
      throw new NotifierConfigurationError('client/clientConfig', 'both', 'were given; pass one of them');
    }
    if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(options.tableName)) {
      throw new NotifierConfigurationError('tableName', options.tableName, 'is not a DynamoDB table name');
    }
    this.#client =
      'client' in options && options.client
        ? options.client
        : new DynamoDBClient('clientConfig' in options ? (options.clientConfig ?? {}) : {});
    this.#tableName = options.tableName;
    this.#timeToLiveAttribute = options.timeToLiveAttribute ?? 'expiresAt';
    const timings = resolveLedgerTimings(options);
    this.#leaseSeconds = timings.leaseSeconds;
    this.#retentionSeconds = timings.retentionSeconds;
    this.#now = timings.now;
  }

  async claim(statementId: string): Promise<LedgerClaim> {
    assertStatementId(statementId);
    const now = epochSeconds(this.#now());
    const token = randomUUID();
    const leaseExpiresAt = now + this.#leaseSeconds;
    try {
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#tableName,
          Item: {
            statementId: { S: statementId },
            state: { S: 'claimed' },
            token: { S: token },
            leaseExpiresAt: { N: String(leaseExpiresAt) },
            [this.#timeToLiveAttribute]: { N: String(now + this.#retentionSeconds) },
          },
          ConditionExpression:
            'attribute_not_exists(#statementId) OR #ttl < :now OR (#state = :claimed AND #leaseExpiresAt < :now)',
          ExpressionAttributeNames: {
            '#statementId': 'statementId',
            '#ttl': this.#timeToLiveAttribute,
            '#state': 'state',
            '#leaseExpiresAt': 'leaseExpiresAt',
          },
          ExpressionAttributeValues: { ':now': { N: String(now) }, ':claimed': { S: 'claimed' } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { status: 'claimed', statementId, token, leaseExpiresAt: new Date(leaseExpiresAt * 1000) };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw ledgerError('claim', statementId, error);
      const existing = error.Item ?? (await this.#read(statementId));
      if (!existing) {
        // The item vanished between the write and the read: another announcer released it.
        // Report it as in progress; the next attempt (retry or reconciler) claims it.
        return { status: 'in-progress', statementId, leaseExpiresAt: new Date(now * 1000) };
      }
      if (existing.state?.S === 'announced') {
        const announcedAt = numberAttribute(existing.announcedAt);
        return announcedAt === undefined
          ? { status: 'announced', statementId }
          : { status: 'announced', statementId, announcedAt: new Date(announcedAt * 1000) };
      }
      const lease = numberAttribute(existing.leaseExpiresAt) ?? now;
      return { status: 'in-progress', statementId, leaseExpiresAt: new Date(lease * 1000) };
    }
  }

  async confirm(claim: ClaimedLedgerClaim): Promise<boolean> {
    const now = epochSeconds(this.#now());
    try {
      await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: { statementId: { S: claim.statementId } },
          UpdateExpression:
            'SET #state = :announced, #announcedAt = :now, #ttl = :expires REMOVE #leaseExpiresAt',
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#announcedAt': 'announcedAt',
            '#ttl': this.#timeToLiveAttribute,
            '#leaseExpiresAt': 'leaseExpiresAt',
            '#token': 'token',
          },
          ExpressionAttributeValues: {
            ':announced': { S: 'announced' },
            ':now': { N: String(now) },
            ':expires': { N: String(now + this.#retentionSeconds) },
            ':token': { S: claim.token },
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw ledgerError('confirm', claim.statementId, error);
    }
  }

  async release(claim: ClaimedLedgerClaim): Promise<boolean> {
    try {
      await this.#client.send(
        new DeleteItemCommand({
          TableName: this.#tableName,
          Key: { statementId: { S: claim.statementId } },
          ConditionExpression: '#token = :token AND #state = :claimed',
          ExpressionAttributeNames: { '#token': 'token', '#state': 'state' },
          ExpressionAttributeValues: { ':token': { S: claim.token }, ':claimed': { S: 'claimed' } },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw ledgerError('release', claim.statementId, error);
    }
  }

  async recordStarted(run: StartedRunRecord): Promise<void> {
    assertStatementId(run.statementId);
    const now = epochSeconds(this.#now());
    try {
      // Unconditional: the same statement recorded twice (a retried destination) is the same item.
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#tableName,
          Item: {
            statementId: { S: `${STARTED_KEY_PREFIX}${run.statementId}` },
            state: { S: 'started' },
            runStatementId: { S: run.statementId },
            statementName: { S: run.statementName },
            startedAt: { N: String(run.startedAt.getTime()) },
            [this.#timeToLiveAttribute]: { N: String(now + this.#retentionSeconds) },
          },
        }),
      );
    } catch (error) {
      throw ledgerError('record', run.statementId, error);
    }
  }

  async listStarted(): Promise<StartedRunRecord[]> {
    const now = epochSeconds(this.#now());
    const runs: StartedRunRecord[] = [];
    let exclusiveStartKey: Record<string, AttributeValue> | undefined;
    try {
      do {
        const page = await this.#client.send(
          new ScanCommand({
            TableName: this.#tableName,
            FilterExpression: '#state = :started AND #ttl >= :now',
            ExpressionAttributeNames: { '#state': 'state', '#ttl': this.#timeToLiveAttribute },
            ExpressionAttributeValues: { ':started': { S: 'started' }, ':now': { N: String(now) } },
            ConsistentRead: true,
            ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
          }),
        );
        for (const item of page.Items ?? []) {
          const run = startedRunOf(item);
          if (run !== undefined) runs.push(run);
        }
        exclusiveStartKey = page.LastEvaluatedKey;
      } while (exclusiveStartKey !== undefined);
    } catch (error) {
      throw ledgerError('list', '*', error);
    }
    return runs.sort(byStartTime);
  }

  async forgetStarted(statementId: string): Promise<void> {
    try {
      await this.#client.send(
        new DeleteItemCommand({
          TableName: this.#tableName,
          Key: { statementId: { S: `${STARTED_KEY_PREFIX}${statementId}` } },
        }),
      );
    } catch (error) {
      throw ledgerError('forget', statementId, error);
    }
  }

  async #read(statementId: string): Promise<Record<string, AttributeValue> | undefined> {
    try {
      const output = await this.#client.send(
        new GetItemCommand({
          TableName: this.#tableName,
          Key: { statementId: { S: statementId } },
          ConsistentRead: true,
        }),
      );
      return output.Item;
    } catch (error) {
      throw ledgerError('claim', statementId, error);
    }
  }
}

function isConditionalCheckFailure(
  error: unknown,
): error is Error & { Item?: Record<string, AttributeValue> | undefined } {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function ledgerError(operation: LedgerOperation, statementId: string, error: unknown): LedgerError {
  return new LedgerError(operation, statementId, {
    cause: error,
    isRetryable: isRetryableAwsError(error),
    detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
}

function numberAttribute(value: AttributeValue | undefined): number | undefined {
  if (value?.N === undefined) return undefined;
  const number = Number(value.N);
  return Number.isFinite(number) ? number : undefined;
}

function startedRunOf(item: Record<string, AttributeValue>): StartedRunRecord | undefined {
  const statementId = item.runStatementId?.S;
  const statementName = item.statementName?.S;
  const startedAt = numberAttribute(item.startedAt);
  if (statementId === undefined || statementName === undefined || startedAt === undefined) return undefined;
  return { statementId, statementName, startedAt: new Date(startedAt) };
}
