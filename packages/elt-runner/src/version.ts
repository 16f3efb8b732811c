import { version as packageVersion } from '../package.json';

/**
 * The version of this package, read from its package.json at build time (only this field is bundled).
 *
 * @example
 * ```ts
 * import { version } from '@shiftflow/elt-runner';
 * console.log(`@shiftflow/elt-runner ${version}`);
 * ```
 */
export const version: string = packageVersion;
