import { InvalidArgumentError } from './errors';
import { pipelineNamePattern } from './pipeline-config';

/**
 * How a run was started.
 *
 * @example
 * ```ts
 * const trigger: RunTrigger = input.source === 'shiftflow.manual' ? 'manual' : 'scheduled';
 * ```
 */
export type RunTrigger = 'scheduled' | 'manual';

/**
 * What a statement name says about its run.
 *
 * @example
 * ```ts
 * const parts: StatementNameParts | undefined = parseStatementName('nyc-taxi/2026-11-30T16:00:00.000Z');
 * ```
 */
export interface StatementNameParts {
  pipelineName: string;
  trigger: RunTrigger;
  /** The scheduled time (scheduled runs) or the requested time (manual runs). */
  scheduledTime: Date;
}

/**
 * The Data API `StatementName` of a run: `<pipeline>/<ISO time>` for scheduled runs and
 * `<pipeline>/manual/<ISO time>` for manual ones, so `<pipeline>/` prefixes every run.
 *
 * @example
 * ```ts
 * statementNameFor({ pipelineName: 'nyc-taxi', trigger: 'scheduled', scheduledTime: new Date('2026-11-30T16:00:00Z') });
 * // 'nyc-taxi/2026-11-30T16:00:00.000Z'
 * ```
 */
export function statementNameFor(parts: StatementNameParts): string {
  if (!pipelineNamePattern.test(parts.pipelineName)) {
    throw new InvalidArgumentError('pipelineName', parts.pipelineName, 'must match ^[a-z][a-z0-9-]{0,39}$');
  }
  if (Number.isNaN(parts.scheduledTime.getTime())) {
    throw new InvalidArgumentError('scheduledTime', String(parts.scheduledTime), 'is not a valid date');
  }
  const year = parts.scheduledTime.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new InvalidArgumentError(
      'scheduledTime',
      parts.scheduledTime.toISOString(),
      'must fall in the years 0000-9999',
    );
  }
  const time = parts.scheduledTime.toISOString();
  return parts.trigger === 'manual'
    ? `${parts.pipelineName}/manual/${time}`
    : `${parts.pipelineName}/${time}`;
}

/**
 * Reads a statement name written by `statementNameFor`; returns undefined for names of other shapes
 * (statements that are not pipeline runs).
 *
 * @example
 * ```ts
 * parseStatementName('nyc-taxi/manual/2026-11-30T16:00:00.000Z'); // { pipelineName: 'nyc-taxi', trigger: 'manual', … }
 * ```
 */
export function parseStatementName(name: string): StatementNameParts | undefined {
  const match =
    /^([a-z][a-z0-9-]{0,39})\/(manual\/)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)$/.exec(name);
  if (!match) return undefined;
  const scheduledTime = new Date(match[3] ?? '');
  if (Number.isNaN(scheduledTime.getTime())) return undefined;
  return { pipelineName: match[1] ?? '', trigger: match[2] ? 'manual' : 'scheduled', scheduledTime };
}
