import { Duration, Token } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { InvalidPipelinePropertyError } from '../errors.ts';
import { validateDeploymentSettings } from './validate-deployment-settings.ts';

/** What `action` throws; fails the test when it throws nothing. */
function errorOf(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('validateDeploymentSettings', () => {
  it('accepts no settings and settings at their limits', () => {
    expect(() => validateDeploymentSettings({})).not.toThrow();
    expect(() =>
      validateDeploymentSettings({
        eventRetryAttempts: 185,
        functionRetryAttempts: 0,
        reconcileInterval: Duration.days(1),
        setupTimeout: Duration.minutes(1),
        runDeadline: Duration.hours(24),
      }),
    ).not.toThrow();
  });

  it.each([
    [{ eventRetryAttempts: -1 }, 'eventRetryAttempts', /-1.*0 to 185/],
    [{ functionRetryAttempts: 3 }, 'functionRetryAttempts', /3.*0 to 2/],
    [
      { reconcileInterval: Duration.seconds(90) },
      'reconcileInterval',
      /"1 minute 30 seconds".*whole number of minutes/,
    ],
    [{ reconcileInterval: Duration.days(2) }, 'reconcileInterval', /"2 days"/],
    [{ setupTimeout: Duration.seconds(59) }, 'setupTimeout', /"59 seconds".*1 minute to 1 hour/],
    [{ runDeadline: Duration.minutes(90) }, 'runDeadline', /"1 hour 30 minutes".*whole number of hours/],
    [{ runDeadline: Duration.hours(25) }, 'runDeadline', /"1 day 1 hour"/],
  ])('rejects %o, naming %s and the value', (settings, property, message) => {
    const error = errorOf(() => validateDeploymentSettings(settings));
    expect(error).toBeInstanceOf(InvalidPipelinePropertyError);
    expect(error).toMatchObject({ property });
    expect(String(error)).toMatch(message);
  });

  it('leaves a duration that is still a token to CloudFormation', () => {
    const token = Duration.minutes(Token.asNumber({ Ref: 'Minutes' }));
    expect(() => validateDeploymentSettings({ reconcileInterval: token, runDeadline: token })).not.toThrow();
  });
});
