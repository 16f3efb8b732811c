import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { InfraError } from '../errors.ts';

/**
 * How cdk-nag writes a stack attribute in a finding id: the literal, or `<AWS::…>` for a pseudo parameter.
 *
 * @example
 * ```ts
 * nagName(stack.region, 'AWS::Region'); // 'eu-west-1', or '<AWS::Region>' in an environment-agnostic stack
 * ```
 */
export function nagName(value: string, pseudoParameter: string): string {
  return Token.isUnresolved(value) ? `<${pseudoParameter}>` : value;
}

/**
 * The cdk-nag finding id of an invoke grant on the function `fn` and its versions (`<arn>:*`).
 *
 * @example
 * ```ts
 * Validations.of(scheduleRole).acknowledge({ id: invokeFinding(runnerFunction), reason: '…' });
 * ```
 */
export function invokeFinding(fn: IConstruct): string {
  const resource = fn.node.defaultChild;
  if (!CfnResource.isCfnResource(resource)) {
    // Only a construct that made its own resource has a logical ID for cdk-nag to name.
    throw new InfraError(
      'UNEXPECTED_CONSTRUCT',
      `${fn.node.path} has no CloudFormation resource: acknowledge invoke findings on functions this app creates`,
    );
  }
  const logicalId: unknown = Stack.of(fn).resolve(resource.logicalId);
  return `AwsSolutions-IAM5[Resource::<${String(logicalId)}.Arn>:*]`;
}
