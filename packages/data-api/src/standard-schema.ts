/**
 * The Standard Schema v1 interface (https://standardschema.dev), written out here as the spec invites, so
 * schemas from zod, valibot, arktype … type rows without this package depending on any of them.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const schema: StandardSchemaV1<unknown, { trips: number }> = z.object({ trips: z.number() });
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1Props<Input, Output>;
}

/**
 * The `~standard` property of a {@link StandardSchemaV1}.
 *
 * @example
 * ```ts
 * const props: StandardSchemaV1Props<unknown, number> = schema['~standard'];
 * ```
 */
export interface StandardSchemaV1Props<Input = unknown, Output = Input> {
  readonly version: 1;
  readonly vendor: string;
  readonly validate: (
    value: unknown,
  ) => StandardSchemaV1Result<Output> | Promise<StandardSchemaV1Result<Output>>;
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

/**
 * What a Standard Schema's `validate` returns: the value, or the issues.
 *
 * @example
 * ```ts
 * const result: StandardSchemaV1Result<number> = { issues: [{ message: 'Expected number' }] };
 * ```
 */
export type StandardSchemaV1Result<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardSchemaV1Issue[] };

/**
 * One problem a Standard Schema found, with the path to the value.
 *
 * @example
 * ```ts
 * const issue: StandardSchemaV1Issue = { message: 'Expected number, received bigint', path: ['trips'] };
 * ```
 */
export interface StandardSchemaV1Issue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/**
 * A Standard Schema for one result row: whatever it validates, it gives an object.
 *
 * @example
 * ```ts
 * const schema: RowSchema = z.object({ trips: z.number() });
 * ```
 */
export type RowSchema = StandardSchemaV1<unknown, object>;

/**
 * The row type a {@link RowSchema} gives.
 *
 * @example
 * ```ts
 * type Row = InferRow<typeof schema>; // { trips: number }
 * ```
 */
export type InferRow<Schema extends RowSchema> = NonNullable<Schema['~standard']['types']>['output'];
