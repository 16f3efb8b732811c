import { awsRegionPattern, iamRoleArnPattern, s3UriPattern } from '@shiftflow/events';
import { SetupPlaceholderError, SetupValueError } from './errors';
import { scanSql } from './split-sql-statements';

/**
 * The configuration values setup SQL may use as `{{name}}` placeholders.
 *
 * @example
 * ```ts
 * const values: SetupValues = { sourceS3Uri: 's3://shiftflow-sample/nyc/', redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/copy' };
 * ```
 */
export interface SetupValues {
  /** `s3://bucket/prefix/` the procedure COPYs from. */
  sourceS3Uri: string;
  /** IAM role Redshift assumes for COPY. */
  redshiftIamRoleArn: string;
  /**
   * AWS Region of the source bucket; `{{sourceRegionOption}}` renders as `REGION '<region>'`. Defaults to
   * none: the placeholder renders as nothing and COPY reads the bucket in the cluster's own Region.
   */
  sourceRegion?: string | undefined;
}

const validators: Record<'sourceS3Uri' | 'redshiftIamRoleArn', { pattern: RegExp; shape: string }> = {
  sourceS3Uri: { pattern: s3UriPattern, shape: 'is not an S3 URI such as s3://bucket/prefix/' },
  redshiftIamRoleArn: {
    pattern: iamRoleArnPattern,
    shape: 'is not an IAM role ARN such as arn:aws:iam::123456789012:role/name',
  },
};

const placeholderPattern = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/**
 * Quotes a value as a single-quoted SQL string literal that reads the same on Redshift and PostgreSQL.
 * Refuses backslashes (Redshift reads them as escapes, PostgreSQL does not), `$` (could close a
 * dollar-quoted body) and control characters.
 *
 * @example
 * ```ts
 * quoteSqlLiteral("s3://bucket/o'brien/"); // "'s3://bucket/o''brien/'"
 * ```
 */
export function quoteSqlLiteral(value: string, valueName = 'value'): string {
  if (typeof value !== 'string') throw new SetupValueError(valueName, value, 'is not a string');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters.
  if (/[\\$\u0000-\u001f\u007f]/.test(value)) {
    throw new SetupValueError(valueName, value, 'contains a backslash, "$" or a control character');
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Replaces `{{sourceS3Uri}}` and `{{redshiftIamRoleArn}}` in setup SQL with validated, quoted SQL
 * literals, and `{{sourceRegionOption}}` with `REGION '<sourceRegion>'` (nothing when no Region is given). Placeholders in comments are left as they are. Throws `SetupValueError` for a malformed
 * value and `SetupPlaceholderError` for an unknown placeholder or one inside quotes, naming the file.
 *
 * @example
 * ```ts
 * renderSetupSql("COPY t FROM {{sourceS3Uri}} IAM_ROLE {{redshiftIamRoleArn}}", values, '004_run_elt_process.sql');
 * // "COPY t FROM 's3://shiftflow-sample/nyc_yellow_taxi_raw/' IAM_ROLE 'arn:aws:iam::123456789012:role/copy'"
 * ```
 */
export function renderSetupSql(sql: string, values: SetupValues, file = '<sql>'): string {
  const literals = new Map<string, string>();
  for (const [name, { pattern, shape }] of Object.entries(validators)) {
    const value = values[name as keyof typeof validators];
    if (typeof value !== 'string' || !pattern.test(value)) throw new SetupValueError(name, value, shape);
    literals.set(name, quoteSqlLiteral(value, name));
  }
  const region = values.sourceRegion;
  if (region !== undefined && (typeof region !== 'string' || !awsRegionPattern.test(region))) {
    throw new SetupValueError('sourceRegion', region, 'is not an AWS Region such as us-west-2');
  }
  // A COPY option, not a value: COPY without REGION reads the bucket in the cluster's own Region
  // (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html).
  literals.set(
    'sourceRegionOption',
    region === undefined ? '' : `REGION ${quoteSqlLiteral(region, 'sourceRegion')}`,
  );
  const known = [...literals.keys()];
  // Comments and quoted strings, as the splitter reads them: a placeholder means nothing in the first
  // and cannot be substituted into the second.
  const comments: [number, number][] = [];
  const quoted: [number, number][] = [];
  scanSql(sql, file, (kind, start, end) => {
    if (kind === 'comment') comments.push([start, end]);
    else if (kind === 'quoted') quoted.push([start, end]);
  });
  const within = (ranges: [number, number][], offset: number) =>
    ranges.some(([start, end]) => offset >= start && offset < end);
  return sql.replace(placeholderPattern, (match, name: string, offset: number) => {
    if (within(comments, offset)) return match;
    const literal = literals.get(name);
    if (literal === undefined) throw new SetupPlaceholderError(file, name, known);
    if (within(quoted, offset) || sql[offset - 1] === "'" || sql[offset + match.length] === "'") {
      throw new SetupPlaceholderError(
        file,
        name,
        known,
        'is inside quotes; write it bare, the renderer quotes the value',
      );
    }
    return literal;
  });
}
