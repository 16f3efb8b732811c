import { dataApiTargetOf } from '@shiftflow/events';

/**
 * The Data API target of a pipeline target: the same function as `dataApiTargetOf`, which this package
 * also exports.
 *
 * @deprecated Use `dataApiTargetOf` (from `@shiftflow/notifier` or `@shiftflow/events`); this second
 * name goes away in the next minor version.
 * @example
 * ```ts
 * dataApiTargetOf({ type: 'serverless', workgroupName: 'etl', database: 'dev' }); // { workgroupName: 'etl', database: 'dev' }
 * ```
 */
export const dataApiTarget: typeof dataApiTargetOf = dataApiTargetOf;
