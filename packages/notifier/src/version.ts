import { version as packageVersion } from '../package.json';

/**
 * The version of this package, read from its package.json at build time (only this field is bundled).
 *
 * @example
 * ```ts
 * import { version } from '@shiftflow/notifier';
 * console.log(`@shiftflow/notifier ${version}`);
 * ```
 */
export const version: string = packageVersion;
