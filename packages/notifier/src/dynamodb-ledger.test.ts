import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbLedger } from './dynamodb-ledger';
import { LedgerError, NotifierConfigurationError } from './errors';

const statementId = 'dd2e1ec9-2ee3-49a0-819f-905fa7d75a4a';
const now = () => new Date('2026-11-30T16:05:00Z');
const nowSeconds = 1796054700;

function conditionFailed(item?: ConditionalCheckFailedException['Item']) {
  return new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    Item: item,
  });
}

describe('DynamoDbLedger', () => {
  const dynamodb = mockClient(DynamoDBClient);
  let ledger: DynamoDbLedger;

  beforeEach(() => {
    dynamodb.reset();
    ledger = new DynamoDbLedger({
      client: new DynamoDBClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
      tableName: 'shiftflow-ledger',
      leaseSeconds: 300,
      retentionSeconds: 86_400,
      now,
    });
  });

  it('claims with a conditional put that only succeeds for a new, expired or abandoned item', async () => {
    dynamodb.on(PutItemCommand).resolves({});

    const claim = await ledger.claim(statementId);

    expect(claim).toMatchObject({
      status: 'claimed',
      statementId,
      leaseExpiresAt: new Date((nowSeconds + 300) * 1000),
    });
    const input = dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(
      'attribute_not_exists(#statementId) OR #ttl < :now OR (#state = :claimed AND #leaseExpiresAt < :now)',
    );
    expect(input?.ExpressionAttributeNames?.['#ttl']).toBe('expiresAt');
    expect(input?.ExpressionAttributeValues?.[':now']).toEqual({ N: String(nowSeconds) });
    expect(input?.Item).toMatchObject({
      statementId: { S: statementId },
      state: { S: 'claimed' },
      leaseExpiresAt: { N: String(nowSeconds + 300) },
      expiresAt: { N: String(nowSeconds + 86_400) },
    });
    expect(input?.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(claim.status === 'claimed' && input?.Item?.token?.S === claim.token).toBe(true);
  });

  it('answers announced when the condition fails on an announced item', async () => {
    dynamodb.on(PutItemCommand).rejects(
      conditionFailed({
        statementId: { S: statementId },
        state: { S: 'announced' },
        announcedAt: { N: String(nowSeconds - 60) },
      }),
    );

    const claim = await ledger.claim(statementId);

    expect(claim).toEqual({
      status: 'announced',
      statementId,
      announcedAt: new Date((nowSeconds - 60) * 1000),
    });
  });

  it('answers in-progress when the condition fails on a claim whose lease runs', async () => {
    dynamodb
      .on(PutItemCommand)
      .rejects(conditionFailed({ state: { S: 'claimed' }, leaseExpiresAt: { N: String(nowSeconds + 120) } }));

    const claim = await ledger.claim(statementId);

    expect(claim).toEqual({
      status: 'in-progress',
      statementId,
      leaseExpiresAt: new Date((nowSeconds + 120) * 1000),
    });
  });

  it('reads the item consistently when the failed condition returns no item', async () => {
    dynamodb.on(PutItemCommand).rejects(conditionFailed());
    dynamodb.on(GetItemCommand).resolves({ Item: { state: { S: 'announced' } } });

    const claim = await ledger.claim(statementId);

    expect(claim.status).toBe('announced');
    expect(dynamodb.commandCalls(GetItemCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
  });

  it('confirms with an update conditioned on its token and extends the expiry', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    dynamodb.on(UpdateItemCommand).resolves({});
    const claim = await ledger.claim(statementId);
    if (claim.status !== 'claimed') throw new Error('expected a claim');

    expect(await ledger.confirm(claim)).toBe(true);

    const input = dynamodb.commandCalls(UpdateItemCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('#token = :token');
    expect(input?.ExpressionAttributeValues?.[':token']).toEqual({ S: claim.token });
    expect(input?.ExpressionAttributeValues?.[':announced']).toEqual({ S: 'announced' });
    expect(input?.ExpressionAttributeValues?.[':expires']).toEqual({ N: String(nowSeconds + 86_400) });
  });

  it('reports a confirm of a claim taken over meanwhile as false', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    dynamodb.on(UpdateItemCommand).rejects(conditionFailed());
    const claim = await ledger.claim(statementId);
    if (claim.status !== 'claimed') throw new Error('expected a claim');

    expect(await ledger.confirm(claim)).toBe(false);
  });

  it('releases with a delete conditioned on its token and the claimed state', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    dynamodb.on(DeleteItemCommand).resolvesOnce({}).rejects(conditionFailed());
    const claim = await ledger.claim(statementId);
    if (claim.status !== 'claimed') throw new Error('expected a claim');

    expect(await ledger.release(claim)).toBe(true);
    expect(await ledger.release(claim)).toBe(false);
    const input = dynamodb.commandCalls(DeleteItemCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('#token = :token AND #state = :claimed');
    expect(input?.ExpressionAttributeValues?.[':token']).toEqual({ S: claim.token });
  });

  it('wraps other DynamoDB errors in a retryable LedgerError with the cause', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    dynamodb.on(PutItemCommand).rejects(throttled);

    const error = await ledger.claim(statementId).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ operation: 'claim', statementId, isRetryable: true, cause: throttled });
  });

  it('uses the configured TTL attribute name', async () => {
    const custom = new DynamoDbLedger({
      client: new DynamoDBClient({}),
      tableName: 'ledger',
      timeToLiveAttribute: 'ttl',
      now,
    });
    dynamodb.on(PutItemCommand).resolves({});

    await custom.claim(statementId);

    const input = dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(input?.Item?.ttl).toBeDefined();
    expect(input?.ExpressionAttributeNames?.['#ttl']).toBe('ttl');
  });

  it('rejects a bad table name and a non-positive lease, naming the value', () => {
    expect(() => new DynamoDbLedger({ tableName: 'no spaces' })).toThrow(NotifierConfigurationError);
    expect(() => new DynamoDbLedger({ tableName: 'ledger', leaseSeconds: 0 })).toThrow('leaseSeconds 0');
  });
});
