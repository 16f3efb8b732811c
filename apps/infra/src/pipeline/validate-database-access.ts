import { InvalidPipelinePropertyError } from '../errors.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';

const ROLE_NAME_PREFIX = /^[\w+=,.@-]{1,55}$/;
const SECRET_ARN = /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks how the pipeline's roles reach the database: one way for the target to sign in, a
 * secret key only with a secret, the role name prefix, one way for the notifier to sign in, and the
 * workgroup ID. Throws {@link InvalidPipelinePropertyError} naming the property and its value.
 *
 * @example
 * ```ts
 * validateDatabaseAccess(props); // throws for { ...props, workgroupId: 'shiftflow' }
 * ```
 */
export function validateDatabaseAccess(
  props: Pick<
    EltPipelineProps,
    'target' | 'secretKey' | 'roleNamePrefix' | 'readerDbUser' | 'readerSecretArn' | 'workgroupId'
  >,
): void {
  const target = props.target;
  if (target.type === 'cluster' && target.dbUser !== undefined && target.secretArn !== undefined) {
    // The Data API takes one way to authenticate; which would win is not obvious to a reader.
    throw new InvalidPipelinePropertyError(
      'target',
      target,
      'has both dbUser and secretArn: give dbUser (temporary credentials), secretArn, or neither (IAM identity)',
    );
  }
  if (props.secretKey !== undefined && target.secretArn === undefined) {
    // The key would be granted to nobody's use: the target signs in without a secret.
    throw new InvalidPipelinePropertyError(
      'secretKey',
      target,
      'is given but the target has no secretArn: give the secret it encrypts, or leave secretKey out',
    );
  }
  if (props.roleNamePrefix !== undefined && !ROLE_NAME_PREFIX.test(props.roleNamePrefix)) {
    // IAM role names: up to 64 of [A-Za-z0-9+=,.@_-]; "-notifier" takes 9.
    throw new InvalidPipelinePropertyError(
      'roleNamePrefix',
      props.roleNamePrefix,
      'must be 1 to 55 characters of letters, digits and +=,.@_- (an IAM role name less "-notifier")',
    );
  }
  if (
    props.readerDbUser !== undefined &&
    (target.type !== 'cluster' || props.readerSecretArn !== undefined)
  ) {
    throw new InvalidPipelinePropertyError(
      'readerDbUser',
      props.readerDbUser,
      'needs a cluster target and no readerSecretArn: give one way for the notifier to sign in',
    );
  }
  if (props.readerSecretArn !== undefined && !SECRET_ARN.test(props.readerSecretArn)) {
    throw new InvalidPipelinePropertyError(
      'readerSecretArn',
      props.readerSecretArn,
      'must be the complete ARN of a Secrets Manager secret (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)',
    );
  }
  if (props.workgroupId !== undefined && !UUID.test(props.workgroupId)) {
    throw new InvalidPipelinePropertyError(
      'workgroupId',
      props.workgroupId,
      'must be the workgroup ID (a UUID), not its name',
    );
  }
}
