import type { Token } from './tokenize';

/**
 * The PartiQL construct of SUPER queries that starts at a token, if any, named as Redshift's documentation names
 * it (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html), among those rewrite-super-navigation.ts
 * leaves: navigation after a subscript of something that is not a path, call or parenthesised expression
 * (`:p[0].id`), `AS alias AT index` after a FROM item that is not an unnesting, UNPIVOT (object unpivoting) and
 * `UNNEST(…) WITH OFFSET` (https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause-unnest-examples.html).
 * These are refused by name instead of failing with a PostgreSQL syntax error.
 * `token` is the token at hand, `previous`/`beforePrevious`/`next`/`afterNext` the significant tokens around it;
 * `adjacent`: `token`, `next` and `afterNext` follow each other without whitespace (`x[0].id`, not `] . select`).
 */
export function partiqlConstruct(
  token: Token,
  previous: Token | undefined,
  beforePrevious: Token | undefined,
  next: Token | undefined,
  afterNext: Token | undefined,
  adjacent: boolean,
): string | undefined {
  if (
    adjacent &&
    token.type === 'punctuation' &&
    token.text === ']' &&
    next?.text === '.' &&
    afterNext?.type === 'word'
  ) {
    return 'SUPER navigation after an array subscript (x[n].attribute)';
  }
  if (token.type === 'word' && token.value === 'at' && !(next?.type === 'word' && next.value === 'time')) {
    const afterAlias = previous?.type === 'word' || previous?.type === 'quoted-identifier';
    if (afterAlias && beforePrevious?.type === 'word' && beforePrevious.value === 'as') {
      return 'PartiQL unnesting with an index (… AS alias AT index)';
    }
  }
  if (token.type === 'word' && token.value === 'unpivot') return 'UNPIVOT';
  if (
    token.type === 'word' &&
    token.value === 'offset' &&
    previous?.type === 'word' &&
    previous.value === 'with'
  )
    return 'UNNEST … WITH OFFSET';
  return undefined;
}
