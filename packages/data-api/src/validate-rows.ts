import { RowValidationError } from './errors';
import type { RowSchema } from './standard-schema';

/**
 * Validates each row with a Standard Schema and returns what the schema gives (its output, which may
 * differ from the input: defaults, transforms). The first row that does not match throws
 * {@link RowValidationError} with its position in the whole result (`firstRowIndex` + its index here).
 */
export async function validateRows(
  rows: readonly unknown[],
  schema: RowSchema,
  firstRowIndex: number,
): Promise<object[]> {
  const validated: object[] = [];
  for (const [index, row] of rows.entries()) {
    let result = schema['~standard'].validate(row);
    if (result instanceof Promise) result = await result;
    if (result.issues !== undefined) {
      throw new RowValidationError({ rowIndex: firstRowIndex + index, issues: result.issues, row });
    }
    validated.push(result.value);
  }
  return validated;
}
