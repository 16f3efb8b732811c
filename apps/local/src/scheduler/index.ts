export {
  InvalidScheduleExpressionError,
  InvalidStartTimeError,
  ScheduledRunError,
  SchedulerError,
  ScheduleStoppedError,
} from './errors';
export { neverFiresReason } from './never-fires-reason';
export { parseScheduleExpression, type ScheduleExpression } from './parse-schedule-expression';
export {
  type ScheduledInvocation,
  Scheduler,
  type SchedulerClock,
  type SchedulerDefaultEvent,
  type SchedulerOptions,
  type SchedulerTimers,
} from './scheduler';
