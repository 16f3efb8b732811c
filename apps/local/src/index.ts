export { type CliEnvironment, runCli } from './cli/run-cli';
export { findConfigFile, loadPipelineConfig } from './config/load-pipeline-config';
export { ConsoleAssetsMissingError, ConsoleRequestError } from './console/errors';
export { type OpenConsoleOptions, openConsole } from './console/open-console';
export { createRunLauncher, type RunLauncher } from './console/run-launcher';
export type { ConsoleServer } from './console/start-console-server';
export {
  ConfigError,
  LambdaBundleError,
  LambdaInvocationError,
  LambdaTimeoutError,
  LocalAppError,
  RunHistoryError,
  SeedError,
  UsageError,
} from './errors';
export {
  isTerminalStatus,
  RunHistory,
  type RunHistoryEntry,
  type RunRecord,
  type RunStatus,
} from './history/run-history';
export {
  type AsyncInvocationOutcome,
  type LambdaFunctionDefinition,
  LambdaHost,
  type LambdaHostOptions,
} from './lambda/lambda-host';
export { formatTable, type TableCell } from './output/format-table';
export {
  type LocalPipeline,
  type LocalPipelineOptions,
  type PipelineProgress,
  type RunRequest,
  type RunResult,
  startLocalPipeline,
} from './pipeline/start-local-pipeline';
export { generateTrip, type Trip } from './seed/generate-trip';
export { createSeededRandom, type SeededRandom } from './seed/seeded-random';
export {
  defaultSampleRows,
  type SampleData,
  type WriteSampleDataOptions,
  writeSampleData,
} from './seed/write-sample-data';
export { localS3Path, type StateLayout, stateLayout } from './state/state-layout';
export { version } from './version';
