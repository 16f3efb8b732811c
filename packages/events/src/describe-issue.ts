import type * as z from 'zod/mini';

/** The message zod/mini gives every issue when no locale is loaded (none is, to keep Lambda bundles small). */
const genericMessage = 'Invalid input';

function listOf(values: readonly unknown[]): string {
  const shown = values.map((value) => (typeof value === 'bigint' ? `${value}n` : JSON.stringify(value)));
  return shown.length === 1 ? (shown[0] ?? '') : `one of ${shown.join(' | ')}`;
}

function sizeOf(origin: string, limit: number | bigint): string {
  if (origin === 'string') return `${limit} characters`;
  if (origin === 'array' || origin === 'set') return `${limit} items`;
  return String(limit);
}

/**
 * Says what a zod issue expected, in place of zod/mini's bare "Invalid input"; a message a schema
 * sets itself (`z.regex(pattern, 'must be …')`) is kept as it is.
 *
 * @example
 * ```ts
 * describeIssue({ code: 'invalid_type', expected: 'string', path: ['reason'], message: 'Invalid input', input: 5 });
 * // 'expected string'
 * ```
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message !== '' && issue.message !== genericMessage) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${listOf(issue.values)}`;
    case 'too_small':
      return `expected at least ${issue.inclusive === false ? 'more than ' : ''}${sizeOf(issue.origin, issue.minimum)}`;
    case 'too_big':
      return `expected at most ${issue.inclusive === false ? 'less than ' : ''}${sizeOf(issue.origin, issue.maximum)}`;
    case 'invalid_format':
      return issue.pattern === undefined
        ? `expected a ${issue.format} string`
        : `expected a string matching ${issue.pattern}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    case 'invalid_union':
      if ('options' in issue && issue.options !== undefined && issue.options.length > 0) {
        return `expected ${listOf(issue.options)}`;
      }
      if (issue.errors.length > 0) {
        const forms = issue.errors.map((issues, index) => {
          const first = issues[0];
          const where = first === undefined || first.path.length === 0 ? '' : `${first.path.join('.')}: `;
          return `(${index + 1}) ${first === undefined ? 'no detail' : `${where}${describeIssue(first)}`}`;
        });
        return `matches none of the accepted forms: ${forms.join(', ')}`;
      }
      return 'matches more than one of the accepted forms';
    case 'invalid_key':
      return `has an invalid ${issue.origin} key`;
    case 'invalid_element':
      return `has an invalid ${issue.origin} element`;
    default:
      return 'fails a check of its schema';
  }
}
