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

/** Only the unknown keys of an object and their values: the rest of the object is not the problem. */
function unknownEntries(value: unknown, keys: readonly string[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(keys.map((key) => [key, (value as Record<string, unknown>)[key]]));
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
    value:
      issue.code === 'unrecognized_keys'
        ? unknownEntries(valueAt(input, issue.path), issue.keys)
        : valueAt(input, issue.path),
  }));
  throw new EventParseError(subject, issues, { cause: result.error });
}
