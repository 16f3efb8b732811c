/**
 * `{ ...base, ...extra }` as a plain function call. Bundlers cannot prove an object spread free of
 * side effects (a spread runs getters), so a schema built from a spread at module scope stays in
 * every bundle that imports this package, used or not; a pure-annotated call to this function lets
 * them drop the schemas a handler never uses, and their construction at import with them.
 *
 * @example
 * ```ts
 * const schema = z.looseObject(mergeShapes(targetEnvironmentFields, { SHIFTFLOW_ELT_SQL: eltSqlSchema }));
 * ```
 */
export function mergeShapes<Base extends object, Extra extends object>(
  base: Base,
  extra: Extra,
): Omit<Base, keyof Extra> & Extra {
  return { ...base, ...extra };
}
