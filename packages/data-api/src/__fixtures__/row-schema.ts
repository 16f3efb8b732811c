import type { StandardSchemaV1, StandardSchemaV1Issue } from '../standard-schema';

/** A type guard for one field, with the name of the type it expects (for the issue message). */
export interface FieldCheck<Value> {
  readonly expected: string;
  readonly check: (value: unknown) => value is Value;
}

export const isNumber: FieldCheck<number> = {
  expected: 'number',
  check: (value): value is number => typeof value === 'number',
};
export const isString: FieldCheck<string> = {
  expected: 'string',
  check: (value): value is string => typeof value === 'string',
};
export const isNullableString: FieldCheck<string | null> = {
  expected: 'string or null',
  check: (value): value is string | null => value === null || typeof value === 'string',
};

/**
 * A minimal Standard Schema for rows, as zod or valibot would give, so the tests need neither: each field
 * is checked by its guard; `async` answers through a Promise, as some validators do.
 */
export function rowSchema<Row extends object>(
  fields: { readonly [Key in keyof Row]: FieldCheck<Row[Key]> },
  options: { async?: boolean } = {},
): StandardSchemaV1<unknown, Row> {
  const validate = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return { issues: [{ message: 'Expected an object' }] };
    const issues: StandardSchemaV1Issue[] = [];
    const row: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(fields) as [string, FieldCheck<unknown>][]) {
      const fieldValue = (value as Record<string, unknown>)[key];
      if (!field.check(fieldValue)) {
        issues.push({ message: `Expected ${field.expected}, received ${typeof fieldValue}`, path: [key] });
      }
      row[key] = fieldValue;
    }
    return issues.length > 0 ? { issues } : { value: row as Row };
  };
  return {
    '~standard': {
      version: 1,
      vendor: 'shiftflow-test',
      validate: options.async === true ? async (value) => validate(value) : validate,
    },
  };
}
