/** Package version, kept in step with package.json by the build. */
export const version = '0.0.0';
