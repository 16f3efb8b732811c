/**
 * One problem found while parsing: where it is, what is wrong, and the value that was there.
 *
 * @example
 * ```ts
 * const issue: ParseIssue = { path: 'detail.state', message: 'expected one of "FINISHED" | "FAILED" | "ABORTED"', value: 'RUNNING' };
 * ```
 */
export interface ParseIssue {
  /** Dotted path of the failing field, e.g. `detail.state`; empty for the whole input. */
  path: string;
  /** What is wrong, e.g. `expected one of FINISHED|FAILED|ABORTED`. */
  message: string;
  /** The value found at `path` (undefined when the field is missing). */
  value: unknown;
}

/**
 * Stable codes of the errors `@shiftflow/events` throws.
 *
 * @example
 * ```ts
 * if (error instanceof EventsError && error.code === ('PIPELINE_CONFIG_FILE_NOT_JSON' satisfies EventsErrorCode)) console.error(error.message);
 * ```
 */
export type EventsErrorCode =
  | 'EVENT_PARSE_FAILED'
  | 'INVALID_ARGUMENT'
  | 'PIPELINE_CONFIG_FILE_UNREADABLE'
  | 'PIPELINE_CONFIG_FILE_NOT_JSON'
  | 'PIPELINE_CONFIG_FILE_INVALID';

/**
 * Base class of every error `@shiftflow/events` throws.
 *
 * @example
 * ```ts
 * try { parsePipelineConfig(json); } catch (error) { if (error instanceof EventsError) console.error(error.code); }
 * ```
 */
export class EventsError extends Error {
  /** Stable machine-readable code. */
  readonly code: EventsErrorCode;

  constructor(code: EventsErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EventsError';
    this.code = code;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    text =
      JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item)) ??
      typeof value;
  } catch {
    // Cyclic or hostile values (a throwing toJSON) cannot be shown as JSON; their type still helps.
    text = Array.isArray(value) ? '[array]' : `[${typeof value}]`;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * One parse issue as a line people read: path, what was expected, and the value found (shortened to
 * 80 characters; never throws, even for cyclic values).
 *
 * @example
 * ```ts
 * formatParseIssue({ path: 'detail.state', message: 'expected one of "FINISHED" | "FAILED" | "ABORTED"', value: 'RUNNING' });
 * // 'detail.state: expected one of "FINISHED" | "FAILED" | "ABORTED" (got "RUNNING")'
 * ```
 */
export function formatParseIssue(issue: ParseIssue): string {
  return `${issue.path === '' ? '(root)' : issue.path}: ${issue.message} (got ${describeValue(issue.value)})`;
}

function formatIssues(subject: string, issues: readonly ParseIssue[]): string {
  return `invalid ${subject}: ${issues.map(formatParseIssue).join('; ')}`;
}

/**
 * Thrown when an event, input, configuration or environment does not match its schema. The
 * message and `issues` list every failing path with the value found there.
 *
 * @example
 * ```ts
 * try { parseScheduledEvent(event); } catch (error) {
 *   if (error instanceof EventParseError) for (const issue of error.issues) console.error(issue.path, issue.value);
 * }
 * ```
 */
export class EventParseError extends EventsError {
  /** What was being parsed, e.g. `scheduled event` or `runner environment`. */
  readonly subject: string;
  /** Every failing path, in the order zod reported them. */
  readonly issues: readonly ParseIssue[];

  constructor(subject: string, issues: readonly ParseIssue[], options?: ErrorOptions) {
    super('EVENT_PARSE_FAILED', formatIssues(subject, issues), options);
    this.name = 'EventParseError';
    this.subject = subject;
    this.issues = issues;
  }
}

/**
 * Thrown when a builder gets an argument it cannot use (e.g. an invalid pipeline name for a pattern).
 *
 * @example
 * ```ts
 * statusChangePattern({ pipelineName: 'Bad Name' }); // throws InvalidArgumentError
 * ```
 */
export class InvalidArgumentError extends EventsError {
  /** Name of the argument. */
  readonly argument: string;
  /** The value that was rejected. */
  readonly value: unknown;

  constructor(argument: string, value: unknown, reason: string) {
    super('INVALID_ARGUMENT', `${argument} ${describeValue(value)} ${reason}`);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
    this.value = value;
  }
}

/** Why a pipeline configuration file was refused: it cannot be read, is not JSON, or is not a valid configuration. */
export type PipelineConfigFileProblem = 'unreadable' | 'not-json' | 'invalid';

const pipelineConfigFileCodes = {
  unreadable: 'PIPELINE_CONFIG_FILE_UNREADABLE',
  'not-json': 'PIPELINE_CONFIG_FILE_NOT_JSON',
  invalid: 'PIPELINE_CONFIG_FILE_INVALID',
} as const satisfies Record<PipelineConfigFileProblem, EventsErrorCode>;

const pipelineConfigFileWording = {
  unreadable: 'cannot be read',
  'not-json': 'is not valid JSON',
  invalid: 'is not a valid pipeline configuration',
} as const satisfies Record<PipelineConfigFileProblem, string>;

/**
 * Thrown by `readPipelineConfigFile` when the file cannot be read, is not JSON, or is not a valid
 * pipeline configuration. `path` names the file, `problem` says which, `detail` is the underlying
 * message (the file-system error, the JSON syntax error, or every bad field with its value), and
 * `issues` lists the bad fields for `invalid`.
 *
 * @example
 * ```ts
 * try { readPipelineConfigFile('shiftflow.config.json'); } catch (error) {
 *   if (error instanceof PipelineConfigFileError && error.problem === 'invalid') for (const issue of error.issues) console.error(issue.path);
 * }
 * ```
 */
export class PipelineConfigFileError extends EventsError {
  /** The file, as given. */
  readonly path: string;
  /** What was wrong with it. */
  readonly problem: PipelineConfigFileProblem;
  /** The underlying message: the file-system error, the JSON syntax error, or the bad fields. */
  readonly detail: string;
  /** For `invalid`: every bad field with the value found; empty otherwise. */
  readonly issues: readonly ParseIssue[];

  constructor(
    path: string,
    problem: PipelineConfigFileProblem,
    detail: string,
    issues: readonly ParseIssue[] = [],
    options?: ErrorOptions,
  ) {
    super(
      pipelineConfigFileCodes[problem],
      `pipeline configuration file ${path} ${pipelineConfigFileWording[problem]}: ${detail}`,
      options,
    );
    this.name = 'PipelineConfigFileError';
    this.path = path;
    this.problem = problem;
    this.detail = detail;
    this.issues = issues;
  }
}
