/**
 * A schema built on its first use instead of at import: the Lambda handlers' import path then
 * builds only the schemas an invocation needs (zod builds a schema's internals when it is
 * constructed, which was most of the handlers' import time over the bare SDK clients).
 *
 * @example
 * ```ts
 * const pipelineNameSchemaOnce = lazySchema(() => checked(z.string(), z.regex(pipelineNamePattern)));
 * pipelineNameSchemaOnce().safeParse('nyc-taxi'); // built now, reused after
 * ```
 */
export function lazySchema<Schema>(build: () => Schema): () => Schema {
  let schema: Schema | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}
