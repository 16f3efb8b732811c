/**
 * The EventBridge status-change event of a statement run WithEvent, and the ARN of the cluster or
 * workgroup it names as its resource.
 */
import type { StatementConnection, StatementRecord } from './statement-record';
import { type StatementStatusChangeEnvelope, statusChangeEvent } from './status-change-event';

/** Where the local Redshift says it runs. */
export interface EventPlace {
  account: string;
  region: string;
}

/**
 * The ARN of a statement's workgroup (Serverless) or cluster (`local` if none was named).
 *
 * @example
 * resourceArn({ account: '123456789012', region: 'us-east-1' }, { database: 'dev', workgroupName: 'local' });
 */
export function resourceArn(place: EventPlace, connection: StatementConnection): string {
  const { region, account } = place;
  return connection.workgroupName !== undefined
    ? `arn:aws:redshift-serverless:${region}:${account}:workgroup/${connection.workgroupName}`
    : `arn:aws:redshift:${region}:${account}:cluster:${connection.clusterIdentifier ?? 'local'}`;
}

/**
 * The status-change event of a statement that ended.
 *
 * @example
 * const event = statementEvent(place, record, { state: 'FINISHED', redshiftQueryId: 1001, rows: 3, time: new Date() });
 */
export function statementEvent(
  place: EventPlace,
  record: StatementRecord,
  outcome: { state: 'FINISHED' | 'FAILED' | 'ABORTED'; redshiftQueryId: number; rows: number; time: Date },
): StatementStatusChangeEnvelope {
  return statusChangeEvent({
    account: place.account,
    region: place.region,
    resource: resourceArn(place, record),
    principal: record.principal,
    statementName: record.statementName ?? '',
    statementId: record.id,
    ...outcome,
  });
}
