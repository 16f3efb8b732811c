import { once } from 'node:events';
import { startLocalPipeline } from '../pipeline/start-local-pipeline';
import { explainEngineError } from '../state/explain-engine-error';
import type { CommandContext } from './command-context';
import { integerOption, urlOption } from './command-options';
import { deliverStatusChangeEvents } from './deliver-status-change-events';
import { latencyOption } from './latency-option';

/**
 * `shiftflow serve`: only the local endpoints (Data API and SNS, notifications to the terminal and
 * the outbox), and the environment variables that point any AWS SDK, boto3 or the AWS CLI at them.
 */
export async function serveCommand(context: CommandContext): Promise<number> {
  const redshiftPort = integerOption(context.options, 'port', 0, 0, 65535);
  const snsPort = integerOption(context.options, 'sns-port', 0, 0, 65535);
  const config = await context.config();
  const state = await context.ensureState();
  const smtp = urlOption(context.options, 'smtp', ['smtp:', 'smtps:']);
  const webhook = urlOption(context.options, 'webhook', ['http:', 'https:']);
  const eventsTo = urlOption(context.options, 'events-to', ['http:', 'https:']);
  const latency = latencyOption(context.options);
  const pipeline = await startLocalPipeline({
    repositoryRoot: context.repositoryRoot(),
    config,
    state,
    lambdas: false,
    command: 'serve',
    redshiftPort,
    snsPort,
    ...(latency !== undefined ? { latency } : {}),
    // Notifications are progress, on stderr: stdout keeps only the export lines (or the --json document).
    ...(context.json ? {} : { notificationStream: context.stderr.stream }),
    ...(smtp ? { smtp } : {}),
    ...(webhook ? { webhook } : {}),
  }).catch((error: unknown) => {
    throw explainEngineError(state, error);
  });
  try {
    const events = deliverStatusChangeEvents(pipeline.redshift, state.root, eventsTo);
    const environment = {
      AWS_ENDPOINT_URL_REDSHIFT_DATA: pipeline.redshift.endpoint,
      AWS_ENDPOINT_URL_SNS: pipeline.snsEndpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      // The JavaScript SDK and the AWS CLI v2 read AWS_REGION; boto3 (botocore) reads only
      // AWS_DEFAULT_REGION and fails with NoRegionError without it. Both, so every SDK finds a region.
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
    };
    const target =
      config.target.type === 'cluster'
        ? { clusterIdentifier: config.target.clusterIdentifier, database: config.target.database }
        : { workgroupName: config.target.workgroupName, database: config.target.database };
    if (context.json) {
      context.stdout.line(
        JSON.stringify({
          environment,
          topicArn: pipeline.topicArn,
          target,
          stateDirectory: state.root,
          events: events.where,
        }),
      );
    } else {
      const out = context.stdout;
      out.line(
        out.style('bold', 'Local endpoints are up. Export these for any AWS SDK, boto3 or the AWS CLI:'),
      );
      out.line();
      for (const [name, value] of Object.entries(environment)) out.line(`export ${name}=${value}`);
      out.line();
      out.line(
        `Target: ${Object.entries(target)
          .map(([key, value]) => `${key} ${value}`)
          .join(', ')}.  Topic: ${pipeline.topicArn}`,
      );
      out.line(
        `Try: aws redshift-data execute-statement --${config.target.type === 'cluster' ? `cluster-identifier ${target.clusterIdentifier ?? ''}` : `workgroup-name ${target.workgroupName ?? ''}`} --database ${config.target.database} --sql "select 1"`,
      );
      out.line(
        `Status-change events (WithEvent): ${[events.where.stream, events.where.file, events.where.webhook].filter(Boolean).join(', ')}`,
      );
      out.line(out.style('dim', 'Ctrl-C stops.'));
    }
    if (!context.signal.aborted) await once(context.signal, 'abort');
    if (!context.json) context.stderr.line('stopping…');
    await events.stop();
    return 0;
  } finally {
    await pipeline.close();
  }
}
