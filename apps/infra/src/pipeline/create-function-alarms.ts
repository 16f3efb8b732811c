import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { OperationsAlarm } from './operations-alarm-factory.ts';
import { sumOfMetrics } from './sum-of-metrics.ts';

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms on the functions: errors of the runner, notifier and reconciler, started runs not
 * handed to the reconciler, throttles of any of the three, and errors of the setup functions
 * (none without setup files). Each sums 5 minutes.
 *
 * @example
 * ```ts
 * const functionAlarms = createFunctionAlarms(alarm, { runnerFunction, notifierFunction, reconcilerFunction, setupFunctions });
 * ```
 */
export function createFunctionAlarms(alarm: OperationsAlarm, options: FunctionAlarmsOptions): FunctionAlarms {
  const errors = (fn: lambda.IFunction): cloudwatch.IMetric =>
    fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
  const functions = [options.runnerFunction, options.notifierFunction, options.reconcilerFunction];
  return {
    runnerErrorsAlarm: alarm('RunnerErrorsAlarm', 'the runner failed', errors(options.runnerFunction)),
    // The reconciler finds runs only through the runner's on-success destination: a record Lambda
    // could not deliver is a run a lost completion event would leave unannounced.
    // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)
    runRecordDeliveryAlarm: alarm(
      'RunRecordDeliveryAlarm',
      'Lambda could not hand a started run to the reconciler (DestinationDeliveryFailures of the runner)',
      options.runnerFunction.metric('DestinationDeliveryFailures', {
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
    ),
    notifierErrorsAlarm: alarm(
      'NotifierErrorsAlarm',
      'the notifier failed',
      errors(options.notifierFunction),
    ),
    reconcilerErrorsAlarm: alarm(
      'ReconcilerErrorsAlarm',
      'the reconciler failed',
      errors(options.reconcilerFunction),
    ),
    throttlesAlarm: alarm(
      'ThrottlesAlarm',
      'Lambda throttled the runner, the notifier or the reconciler (account concurrency)',
      sumOfMetrics(
        functions.map((fn) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' })),
        FIVE_MINUTES,
      ),
    ),
    setupErrorsAlarm:
      options.setupFunctions.length === 0
        ? undefined
        : alarm(
            'SetupErrorsAlarm',
            'the setup SQL failed at deploy (the deployment rolled back)',
            sumOfMetrics(options.setupFunctions.map(errors), FIVE_MINUTES),
          ),
  };
}

/**
 * The functions {@link createFunctionAlarms} watches.
 *
 * @example
 * ```ts
 * const options: FunctionAlarmsOptions = { runnerFunction, notifierFunction, reconcilerFunction, setupFunctions: [] };
 * ```
 */
export interface FunctionAlarmsOptions {
  /** The runner. */
  readonly runnerFunction: lambda.IFunction;
  /** The notifier. */
  readonly notifierFunction: lambda.IFunction;
  /** The reconciler. */
  readonly reconcilerFunction: lambda.IFunction;
  /** The setup custom resource's functions; none without setup files. */
  readonly setupFunctions: readonly lambda.IFunction[];
}

/**
 * The alarms on the functions.
 *
 * @example
 * ```ts
 * const { throttlesAlarm } = createFunctionAlarms(alarm, options);
 * ```
 */
export interface FunctionAlarms {
  /** Alarm on runner errors. */
  readonly runnerErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on records of started runs Lambda could not deliver to the reconciler. */
  readonly runRecordDeliveryAlarm: cloudwatch.Alarm;
  /** Alarm on notifier errors. */
  readonly notifierErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on reconciler errors. */
  readonly reconcilerErrorsAlarm: cloudwatch.Alarm;
  /** Alarm on throttles of the three functions. */
  readonly throttlesAlarm: cloudwatch.Alarm;
  /** Alarm on errors of the setup functions; undefined without setup files. */
  readonly setupErrorsAlarm: cloudwatch.Alarm | undefined;
}
