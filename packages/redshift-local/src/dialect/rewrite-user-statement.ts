import type { Token } from './tokenize';

/**
 * Redshift's user and role statements in PostgreSQL's spelling:
 *
 * - `CREATE | ALTER USER … SESSION TIMEOUT n`, `SYSLOG ACCESS {RESTRICTED | UNRESTRICTED}`, `EXTERNALID id`,
 *   `CONNECTION LIMIT UNLIMITED` and `PASSWORD DISABLE`: the options that govern sessions, system-log visibility
 *   and identity providers are left out, `CREATEUSER`/`NOCREATEUSER` become `SUPERUSER`/`NOSUPERUSER`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html).
 * - `GRANT ROLE r TO [ROLE] grantee` / `REVOKE ROLE r FROM [ROLE] grantee` → `GRANT r TO grantee`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html).
 *
 * Returns undefined for other statements.
 */
export function rewriteUserStatement(tokens: readonly Token[], words: readonly string[]): string | undefined {
  const isUser = (words[0] === 'create' || words[0] === 'alter') && words[1] === 'user';
  const isRoleGrant = (words[0] === 'grant' || words[0] === 'revoke') && words[1] === 'role';
  if (!isUser && !isRoleGrant) return undefined;
  const significant = tokens.filter(
    (token) => token.type !== 'whitespace' && !token.type.endsWith('comment'),
  );
  const kept: string[] = [];
  for (let index = 0; index < significant.length; index++) {
    const token = significant[index]!;
    const next = significant[index + 1];
    const word = token.type === 'word' ? token.value : undefined;
    if (isRoleGrant) {
      // The first ROLE (GRANT ROLE r) and a ROLE before the grantee (TO ROLE g) are Redshift's keywords.
      if (word === 'role' && (index === 1 || ['to', 'from'].includes(significant[index - 1]?.value ?? '')))
        continue;
      kept.push(token.text);
      continue;
    }
    if (word === 'reset' && next?.value === 'session' && significant[index + 2]?.value === 'timeout') {
      index += 2;
    } else if (word === 'session' && next?.value === 'timeout') {
      index += 2;
    } else if (word === 'syslog' && next?.value === 'access') {
      index += 2;
    } else if (word === 'externalid') {
      index += 1;
    } else if (
      word === 'connection' &&
      next?.value === 'limit' &&
      significant[index + 2]?.value === 'unlimited'
    ) {
      index += 2;
    } else if (word === 'password' && next?.value === 'disable') {
      index += 1;
    } else if (word === 'createuser' || word === 'nocreateuser') {
      kept.push(word === 'createuser' ? 'SUPERUSER' : 'NOSUPERUSER');
    } else {
      kept.push(token.text);
    }
  }
  return kept.join(' ');
}
