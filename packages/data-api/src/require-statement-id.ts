import { InvalidOptionError } from './errors';

/** Throws {@link InvalidOptionError} unless `id` is a non-empty string. */
export function requireStatementId(id: string): void {
  if (typeof id !== 'string' || id === '') {
    throw new InvalidOptionError(
      `statement id is ${JSON.stringify(id)}; pass the id execute() returned`,
      'id',
      id,
    );
  }
}
