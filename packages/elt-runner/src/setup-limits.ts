/**
 * The Data API limits setup has to fit in. "Considerations when calling the Amazon Redshift Data API"
 * (https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-calling-considerations.html): "The maximum
 * query statement size is 100 KB", and BatchExecuteStatement takes 1 to 40 SQL statements
 * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_BatchExecuteStatement.html, `Sqls`).
 * The service refuses a longer statement with "ValidationException: Cannot process query string larger
 * than 100kB"; @shiftflow/redshift-local refuses more than 100 × 1024 bytes, so that is the figure here.
 */

/** The most statements one BatchExecuteStatement accepts. */
export const maxBatchStatements = 40;

/** The most bytes (UTF-8) of SQL text the Data API accepts in one statement: 100 KB. */
export const maxStatementBytes = 100 * 1024;

/**
 * The largest setup file worth reading: every statement of one batch at its largest. A bigger file
 * cannot be applied, so it is refused from its size alone, before it is read into memory.
 */
export const maxSetupFileBytes = maxBatchStatements * maxStatementBytes;
