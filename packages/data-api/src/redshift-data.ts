import { RedshiftDataApi } from './redshift-data-api';

/**
 * The former name of {@link RedshiftDataApi}, kept for one minor version.
 *
 * @deprecated Use `RedshiftDataApi`: this name clashes with the AWS SDK's own `RedshiftData` class.
 * @example
 * ```ts
 * const data = new RedshiftDataApi({ target: { workgroupName: 'analytics', database: 'dev' } });
 * ```
 */
export const RedshiftData = RedshiftDataApi;
/** @deprecated Use `RedshiftDataApi`. */
export type RedshiftData = RedshiftDataApi;
