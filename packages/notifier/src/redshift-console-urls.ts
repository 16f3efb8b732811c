import type { PipelineConfig } from '@shiftflow/events';
import { NotifierConfigurationError } from './errors';

/**
 * Links into the AWS console for a pipeline's Redshift target.
 *
 * @example
 * ```ts
 * const { target, queryEditor } = redshiftConsoleUrls({ region: 'us-east-1', target: config.target });
 * ```
 */
export interface RedshiftConsoleUrls {
  /** The cluster's or workgroup's page in the Redshift console (query monitoring lives there). */
  target: string;
  /** Query editor v2 of the region, whose query history lists the statement. */
  queryEditor: string;
}

/**
 * Builds the console links for a cluster or Serverless workgroup in a region, on the console
 * domain of the region's partition (aws, aws-cn, aws-us-gov).
 *
 * @example
 * ```ts
 * redshiftConsoleUrls({ region: 'eu-west-1', target: { type: 'serverless', workgroupName: 'etl', database: 'dev' } }).target;
 * // 'https://eu-west-1.console.aws.amazon.com/redshiftv2/home?region=eu-west-1#serverless-workgroup?workgroup=etl'
 * ```
 */
export function redshiftConsoleUrls(options: {
  region: string;
  target: PipelineConfig['target'];
}): RedshiftConsoleUrls {
  const { region, target } = options;
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) {
    throw new NotifierConfigurationError('region', region, 'is not an AWS region name');
  }
  const host = region.startsWith('cn-')
    ? `${region}.console.amazonaws.cn`
    : region.startsWith('us-gov-')
      ? `${region}.console.amazonaws-us-gov.com`
      : `${region}.console.aws.amazon.com`;
  const page =
    target.type === 'cluster'
      ? `cluster-details?cluster=${encodeURIComponent(target.clusterIdentifier)}`
      : `serverless-workgroup?workgroup=${encodeURIComponent(target.workgroupName)}`;
  return {
    target: `https://${host}/redshiftv2/home?region=${region}#${page}`,
    queryEditor: `https://${host}/sqlworkbench/home?region=${region}#/client`,
  };
}
