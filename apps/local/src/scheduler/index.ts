export { InvalidScheduleExpressionError, ScheduledRunError, SchedulerError } from './errors';
export { parseScheduleExpression, type ScheduleExpression } from './parse-schedule-expression';
export {
  type ScheduledInvocation,
  Scheduler,
  type SchedulerClock,
  type SchedulerDefaultEvent,
  type SchedulerOptions,
  type SchedulerTimers,
} from './scheduler';
