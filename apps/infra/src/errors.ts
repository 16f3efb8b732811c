/**
 * Stable codes of the errors the infra app throws.
 *
 * @example
 * ```ts
 * if (error instanceof InfraError && error.code === 'MISSING_ASSET') console.error('build the bundles first');
 * ```
 */
export type InfraErrorCode =
  | 'INVALID_PIPELINE_PROPERTY'
  | 'INVALID_PIPELINE_CONFIG'
  | 'MISSING_ASSET'
  | 'UNEXPECTED_CONSTRUCT';

/**
 * Base class of every error the infra app throws, so callers can catch them as one family.
 *
 * @example
 * ```ts
 * try {
 *   new EltPipeline(stack, 'Pipeline', props);
 * } catch (error) {
 *   if (error instanceof InfraError) console.error(error.code, error.message);
 * }
 * ```
 */
export class InfraError extends Error {
  /** Stable machine-readable code. */
  readonly code: InfraErrorCode;

  constructor(code: InfraErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfraError';
    this.code = code;
  }
}

/**
 * A property of {@link EltPipeline} has a value it cannot deploy.
 *
 * @example
 * ```ts
 * throw new InvalidPipelinePropertyError('pipelineName', 'Nyc', 'must match /^[a-z][a-z0-9-]{0,39}$/');
 * ```
 */
export class InvalidPipelinePropertyError extends InfraError {
  /** The property's path, e.g. `target.clusterIdentifier`. */
  readonly property: string;
  /** The rejected value. */
  readonly value: unknown;

  constructor(property: string, value: unknown, expectation: string, options?: ErrorOptions) {
    super(
      'INVALID_PIPELINE_PROPERTY',
      `EltPipeline property ${property} = ${JSON.stringify(value)} is invalid: ${expectation}`,
      options,
    );
    this.name = 'InvalidPipelinePropertyError';
    this.property = property;
    this.value = value;
  }
}

/**
 * The pipeline configuration file is missing, is not JSON or does not match the schema.
 *
 * @example
 * ```ts
 * throw new PipelineConfigError('/repo/shiftflow.config.json', ['schedule.timeZone: "Mars/Base" is not an IANA time zone']);
 * ```
 */
export class PipelineConfigError extends InfraError {
  /** Absolute path of the configuration file. */
  readonly path: string;
  /** One line per problem, each naming the path and the bad value. */
  readonly problems: readonly string[];

  constructor(path: string, problems: readonly string[], options?: ErrorOptions) {
    super(
      'INVALID_PIPELINE_CONFIG',
      `pipeline configuration ${path} is invalid:\n  - ${problems.join('\n  - ')}`,
      options,
    );
    this.name = 'PipelineConfigError';
    this.path = path;
    this.problems = problems;
  }
}

/**
 * A Lambda bundle or SQL file the app deploys was not found on disk.
 *
 * @example
 * ```ts
 * throw new MissingAssetError('/repo/packages/notifier/dist/lambda/index.mjs', 'pnpm turbo build --filter @shiftflow/notifier');
 * ```
 */
export class MissingAssetError extends InfraError {
  /** Absolute path that does not exist. */
  readonly path: string;

  constructor(path: string, remedy: string, options?: ErrorOptions) {
    super('MISSING_ASSET', `${path} does not exist: ${remedy}`, options);
    this.name = 'MissingAssetError';
    this.path = path;
  }
}
