export { type CronField, cronFields } from './cron-fields';
export { type DataApiTarget, dataApiTargetOf } from './data-api-target-of';
export {
  type EnvironmentVariables,
  type LedgerSettings,
  type NotifierEnvironment,
  type NotifierEnvironmentOptions,
  type NotifierSettings,
  notifierEnvironment,
  notifierEnvironmentSchema,
  parseNotifierEnvironment,
  parseRunnerEnvironment,
  type RunnerEnvironment,
  type RunnerSettings,
  runnerEnvironment,
  runnerEnvironmentSchema,
} from './environment';
export {
  EventParseError,
  EventsError,
  type EventsErrorCode,
  formatParseIssue,
  InvalidArgumentError,
  type ParseIssue,
  PipelineConfigFileError,
  type PipelineConfigFileProblem,
} from './errors';
export {
  type Notification,
  notificationSchema,
  notificationSubjectSchema,
  parseNotification,
  type SnsMessageStructure,
  snsMessageStructureSchema,
} from './notification';
export { parseWithSchema } from './parse-with-schema';
export {
  awsRegionPattern,
  type ClusterTarget,
  clusterTargetSchema,
  iamRoleArnPattern,
  type PipelineConfig,
  type PipelineConfigInput,
  type PipelineTarget,
  parsePipelineConfig,
  pipelineConfigSchema,
  pipelineNamePattern,
  pipelineTargetSchema,
  type Schedule,
  type ServerlessTarget,
  s3UriPattern,
  scheduleSchema,
  serverlessTargetSchema,
} from './pipeline-config';
export { CronFieldProblem, type CronItem, readCronList, readCronValue } from './read-cron-list';
export { readPipelineConfigFile } from './read-pipeline-config-file';
export {
  type ManualRunRequest,
  manualRunRequestSchema,
  parseRunnerInput,
  type RunnerInput,
  type RunRequest,
  runnerInputSchema,
  runRequestOf,
} from './runner-input';
export { scheduleExpressionProblem } from './schedule-expression-problem';
export {
  parseScheduledEvent,
  type ScheduledEvent,
  type ScheduledRuleEvent,
  type SchedulerDefaultEvent,
  type SchedulerInputEvent,
  scheduledEventSchema,
  scheduledRuleEventSchema,
  scheduledTimeOf,
  schedulerDefaultEventSchema,
  schedulerInputEventSchema,
} from './scheduled-event';
export { type CronFieldTexts, splitCronFields } from './split-cron-fields';
export {
  parseStatementName,
  type RunTrigger,
  type StatementNameParts,
  statementNameFor,
} from './statement-name';
export {
  type ActiveStatementState,
  activeStatementStates,
  type TerminalStatementState,
  terminalStatementStateSchema,
  terminalStatementStates,
} from './statement-state';
export {
  parseStatementStatusChangeEvent,
  type StatementStatusChangeDetail,
  type StatementStatusChangeEvent,
  statementStatusChangeDetailSchema,
  statementStatusChangeEventSchema,
  statusChangeDetailType,
  statusChangeSource,
} from './statement-status-change-event';
export {
  type StatusChangePattern,
  type StatusChangePatternOptions,
  statusChangePattern,
} from './status-change-pattern';
export { closestKey, strictObject, unknownKeysMessage } from './strict-object';

export { version } from './version';
