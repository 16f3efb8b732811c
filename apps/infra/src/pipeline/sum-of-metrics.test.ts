import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { describe, expect, it } from 'vitest';
import { sumOfMetrics } from './sum-of-metrics.ts';

const metric = (metricName: string) => new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName });

describe('sumOfMetrics', () => {
  it('adds the metrics as m0 + m1 + … over the period', () => {
    const errors = metric('Errors');
    const throttles = metric('Throttles');
    const sum = sumOfMetrics([errors, throttles, metric('Invocations')], Duration.minutes(5));

    expect(sum).toBeInstanceOf(cloudwatch.MathExpression);
    const expression = sum as cloudwatch.MathExpression;
    expect(expression.expression).toBe('m0 + m1 + m2');
    expect(Object.keys(expression.usingMetrics)).toEqual(['m0', 'm1', 'm2']);
    expect(expression.usingMetrics.m0).toBe(errors);
    expect(expression.usingMetrics.m1).toBe(throttles);
    expect(expression.period.toSeconds()).toBe(300);
  });

  it('is the one metric itself for a single metric', () => {
    const sum = sumOfMetrics([metric('Errors')], Duration.hours(1)) as cloudwatch.MathExpression;
    expect(sum.expression).toBe('m0');
    expect(sum.period.toSeconds()).toBe(3600);
  });
});
