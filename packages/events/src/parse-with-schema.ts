import type * as z from 'zod/mini';
import { describeIssue } from './describe-issue';
import { EventParseError, type ParseIssue } from './errors';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Parses `input` with `schema` and returns the typed value, or throws an `EventParseError`
 * that lists every failing path and the value found there.
 *
 * @example
 * ```ts
 * const config = parseWithSchema(pipelineConfigSchema, JSON.parse(text), 'pipeline config');
 * ```
 */
export function parseWithSchema<Schema extends z.ZodMiniType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ParseIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: describeIssue(issue),
    value: valueAt(input, issue.path),
  }));
  throw new EventParseError(subject, issues, { cause: result.error });
}
