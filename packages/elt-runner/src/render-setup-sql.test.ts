import { describe, expect, it } from 'vitest';
import { SetupPlaceholderError, SetupValueError } from './errors';
import { quoteSqlLiteral, renderSetupSql } from './render-setup-sql';

const values = {
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy',
};

describe('renderSetupSql', () => {
  it('substitutes placeholders with quoted literals', () => {
    expect(renderSetupSql('COPY t FROM {{sourceS3Uri}} IAM_ROLE {{ redshiftIamRoleArn }};', values)).toBe(
      "COPY t FROM 's3://shiftflow-sample/nyc_yellow_taxi_raw/' IAM_ROLE 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy';",
    );
  });

  it('rejects a malformed S3 URI and role ARN, showing the value', () => {
    expect(() => renderSetupSql('x', { ...values, sourceS3Uri: "s3://b/x' ; drop table t; --" })).toThrow(
      SetupValueError,
    );
    expect(() => renderSetupSql('x', { ...values, redshiftIamRoleArn: 'arn:aws:iam::1:role/x' })).toThrow(
      /redshiftIamRoleArn "arn:aws:iam::1:role\/x" is not an IAM role ARN/,
    );
  });

  it('rejects an unknown placeholder naming the file', () => {
    expect(() => renderSetupSql('select {{tableName}}', values, '009_x.sql')).toThrow(SetupPlaceholderError);
    expect(() => renderSetupSql('select {{tableName}}', values, '009_x.sql')).toThrow(
      /009_x\.sql: placeholder \{\{tableName\}\}/,
    );
  });

  it('rejects a placeholder already inside quotes', () => {
    expect(() => renderSetupSql("COPY t FROM '{{sourceS3Uri}}'", values)).toThrow(/inside quotes/);
  });

  it('rejects a placeholder anywhere inside a string literal, with a readable message', () => {
    const render = () => renderSetupSql("select 'from {{sourceS3Uri}} today'", values, '005_x.sql');
    expect(render).toThrow(SetupPlaceholderError);
    expect(render).toThrow(
      '005_x.sql: placeholder {{sourceS3Uri}} is inside quotes; write it bare, the renderer quotes the value; known: {{sourceS3Uri}}, {{redshiftIamRoleArn}}, {{sourceRegionOption}}',
    );
  });

  it('leaves placeholders in comments alone, known or not, and still substitutes the code', () => {
    const sql =
      '-- COPY reads {{sourceS3Uri}}; {{notAValue}} is fine here\n/* {{x}} */ COPY t FROM {{sourceS3Uri}}';
    expect(renderSetupSql(sql, values)).toBe(
      "-- COPY reads {{sourceS3Uri}}; {{notAValue}} is fine here\n/* {{x}} */ COPY t FROM 's3://shiftflow-sample/nyc_yellow_taxi_raw/'",
    );
  });

  it('renders {{sourceRegionOption}} as a REGION option when a Region is given, and as nothing otherwise', () => {
    const sql =
      "COPY t FROM {{sourceS3Uri}} IAM_ROLE {{redshiftIamRoleArn}} {{sourceRegionOption}} DELIMITER '|'";
    expect(renderSetupSql(sql, { ...values, sourceRegion: 'us-west-2' })).toBe(
      "COPY t FROM 's3://shiftflow-sample/nyc_yellow_taxi_raw/' IAM_ROLE 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy' REGION 'us-west-2' DELIMITER '|'",
    );
    expect(renderSetupSql(sql, values)).toBe(
      "COPY t FROM 's3://shiftflow-sample/nyc_yellow_taxi_raw/' IAM_ROLE 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy'  DELIMITER '|'",
    );
  });

  it('rejects a malformed Region, showing the value', () => {
    expect(() => renderSetupSql('x', { ...values, sourceRegion: "us-west-2' --" })).toThrow(
      `setup value sourceRegion "us-west-2' --" is not an AWS Region such as us-west-2`,
    );
    expect(() => renderSetupSql('x', { ...values, sourceRegion: '' })).toThrow(SetupValueError);
  });

  it('substitutes inside a dollar-quoted procedure body', () => {
    expect(renderSetupSql('AS $$ BEGIN COPY t FROM {{sourceS3Uri}}; END; $$', values)).toBe(
      "AS $$ BEGIN COPY t FROM 's3://shiftflow-sample/nyc_yellow_taxi_raw/'; END; $$",
    );
  });
});

describe('quoteSqlLiteral', () => {
  it('doubles single quotes', () => {
    expect(quoteSqlLiteral("o'brien")).toBe("'o''brien'");
  });

  it.each(['a\\b', 'a$$b', 'a\nb', 'a\u0000b'])('refuses %j', (value) => {
    expect(() => quoteSqlLiteral(value)).toThrow(SetupValueError);
  });
});
