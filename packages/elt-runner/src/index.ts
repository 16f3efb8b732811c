export { clientTokenFor } from './client-token-for';
export { dataApiTargetOf } from './data-api-target-of';
export {
  CustomResourceError,
  EltRunnerError,
  type EltRunnerErrorCode,
  RunStartError,
  SetupPlaceholderError,
  SetupStatementFailedError,
  SetupTooLargeError,
  SetupValueError,
  SqlSplitError,
} from './errors';
export { handler } from './handler';
export {
  type EltRunDataApi,
  type EltRunDependencies,
  type EltRunResult,
  type RunLogger,
  type SkippedRun,
  type StartedRun,
  startEltRun,
} from './start-elt-run';

/** Package version, kept in step with package.json by the build. */
export const version = '0.1.0';
