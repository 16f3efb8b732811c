/**
 * The EventBridge event the Data API sends for a statement run with `WithEvent`:
 * "Redshift Data Statement Status Change", for each terminal state.
 */
import { randomUUID } from 'node:crypto';

/** The full EventBridge envelope of a "Redshift Data Statement Status Change" event. */
export interface StatementStatusChangeEnvelope {
  version: '0';
  id: string;
  'detail-type': 'Redshift Data Statement Status Change';
  source: 'aws.redshift-data';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    principal: string;
    statementName: string;
    statementId: string;
    redshiftQueryId: number;
    state: 'FINISHED' | 'FAILED' | 'ABORTED';
    rows: number;
    expireAt: number;
  };
}

/**
 * The caller's principal ARN, derived from its access key: `arn:aws:iam::<account>:user/<accessKey>`.
 *
 * @example
 * principalArn('123456789012', 'test'); // 'arn:aws:iam::123456789012:user/test'
 */
export function principalArn(account: string, accessKeyId: string): string {
  return `arn:aws:iam::${account}:user/${accessKeyId}`;
}

/**
 * Builds the event envelope for a statement that reached a terminal state.
 *
 * @example
 * statusChangeEvent({ account: '123456789012', region: 'us-east-1', resource: 'arn:aws:redshift:us-east-1:123456789012:cluster:local',
 *   principal: 'arn:aws:iam::123456789012:user/test', statementName: 'x', statementId: id, redshiftQueryId: 7,
 *   state: 'FINISHED', rows: 1, time: new Date() });
 */
export function statusChangeEvent(input: {
  account: string;
  region: string;
  resource: string;
  principal: string;
  statementName: string;
  statementId: string;
  redshiftQueryId: number;
  state: 'FINISHED' | 'FAILED' | 'ABORTED';
  rows: number;
  time: Date;
}): StatementStatusChangeEnvelope {
  const time = new Date(Math.floor(input.time.getTime() / 1000) * 1000);
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Redshift Data Statement Status Change',
    source: 'aws.redshift-data',
    account: input.account,
    time: time.toISOString().replace('.000Z', 'Z'),
    region: input.region,
    resources: [input.resource],
    detail: {
      principal: input.principal,
      statementName: input.statementName,
      statementId: input.statementId,
      redshiftQueryId: input.redshiftQueryId,
      state: input.state,
      rows: input.rows,
      expireAt: Math.floor(time.getTime() / 1000) + 24 * 3600,
    },
  };
}
