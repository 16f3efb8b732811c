import { describe, expect, it } from 'vitest';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteUserStatement', () => {
  it('leaves out SESSION TIMEOUT, SYSLOG ACCESS, EXTERNALID, CONNECTION LIMIT UNLIMITED and PASSWORD DISABLE', () => {
    expect(
      translateRedshiftSql(
        "create user dbuser with password 'abcD1234' createdb session timeout 120 syslog access unrestricted connection limit 30",
      ),
    ).toBe("create user dbuser with password 'abcD1234' createdb connection limit 30");
    expect(translateRedshiftSql('alter user dbuser session timeout 300')).toBe('alter user dbuser');
    expect(translateRedshiftSql('create user u password disable connection limit unlimited')).toBe(
      'create user u',
    );
  });

  it('spells CREATEUSER as SUPERUSER', () => {
    expect(translateRedshiftSql("create user admin password 'abcD1234' createuser")).toBe(
      "create user admin password 'abcD1234' SUPERUSER",
    );
  });

  it('turns GRANT ROLE / REVOKE ROLE into PostgreSQL role membership', () => {
    expect(translateRedshiftSql('grant role sample_role1 to reg_user1')).toBe(
      'grant sample_role1 to reg_user1',
    );
    expect(translateRedshiftSql('grant role sample_role1 to role sample_role2')).toBe(
      'grant sample_role1 to sample_role2',
    );
    expect(translateRedshiftSql('revoke role sample_role1 from reg_user1')).toBe(
      'revoke sample_role1 from reg_user1',
    );
  });
});
