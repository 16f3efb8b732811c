/**
 * An ended statement as the local Redshift keeps it across restarts (see `EndedStatementStore`):
 * its description, its sub-statements and their small results, without parameter values.
 */
import { z } from 'zod';
import type { EngineField } from './engine';

const statusSchema = z.enum(['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'FAILED', 'ABORTED']);

const endedSubStatementSchema = z.object({
  id: z.string(),
  queryString: z.string(),
  status: statusSchema,
  error: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  durationNs: z.number(),
  resultRows: z.number(),
  resultSize: z.number(),
  hasResultSet: z.boolean(),
  redshiftQueryId: z.number(),
  result: z
    .object({
      // Column metadata kept with the result, so ColumnMetadata is the same after a restart.
      fields: z.array(
        z.object({
          name: z.string(),
          typeOid: z.number(),
          typeModifier: z.number().optional(),
          schemaName: z.string().optional(),
          tableName: z.string().optional(),
          nullable: z.number().optional(),
        }),
      ),
      rows: z.array(z.array(z.string().nullable())),
      bytes: z.number(),
    })
    .optional(),
  resultDropped: z.boolean().optional(),
});

/** An ended statement as the store keeps it: what DescribeStatement and ListStatements show. */
export const endedStatementSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: z.enum(['FINISHED', 'FAILED', 'ABORTED']),
  error: z.string().optional(),
  isBatch: z.boolean(),
  subs: z.array(endedSubStatementSchema).min(1),
  statementName: z.string().optional(),
  withEvent: z.boolean(),
  resultFormat: z.enum(['JSON', 'CSV']),
  sessionId: z.string().optional(),
  database: z.string(),
  clusterIdentifier: z.string().optional(),
  workgroupName: z.string().optional(),
  dbUser: z.string().optional(),
  secretArn: z.string().optional(),
  executionMode: z.enum(['TRANSACTION', 'AUTO_COMMIT']).optional(),
  redshiftPid: z.number(),
  principal: z.string(),
  clientToken: z.string().optional(),
});

/**
 * An ended statement as the store keeps it.
 *
 * @example
 * const statements: EndedStatement[] = await store.open(Date.now(), 24 * 3600 * 1000);
 */
export type EndedStatement = z.infer<typeof endedStatementSchema>;

/** What {@link toEndedStatement} reads: the fields of a statement the Data API layer tracks. */
export type EndedStatementSource = Omit<EndedStatement, 'version' | 'status' | 'subs'> & {
  status: string;
  subs: (Omit<EndedStatement['subs'][number], 'result'> & {
    result?: { fields: EngineField[]; rows: (string | null)[][]; bytes: number } | undefined;
  })[];
};

/**
 * The stored form of a statement that has ended (FINISHED, FAILED or ABORTED); only the fields
 * the Data API shows, copied one by one so nothing else (parameter values, waiters) is written.
 *
 * @example
 * store.keep(toEndedStatement(record), { durable: record.withEvent });
 */
export function toEndedStatement(record: EndedStatementSource): EndedStatement {
  const status = z.enum(['FINISHED', 'FAILED', 'ABORTED']).parse(record.status);
  const optional = <K extends keyof EndedStatementSource>(key: K) =>
    record[key] === undefined ? {} : { [key]: record[key] };
  return {
    version: 1,
    id: record.id,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    status,
    ...optional('error'),
    isBatch: record.isBatch,
    subs: record.subs.map((sub) => ({
      id: sub.id,
      queryString: sub.queryString,
      status: sub.status,
      ...(sub.error === undefined ? {} : { error: sub.error }),
      createdAt: sub.createdAt,
      updatedAt: sub.updatedAt,
      durationNs: sub.durationNs,
      resultRows: sub.resultRows,
      resultSize: sub.resultSize,
      hasResultSet: sub.hasResultSet,
      redshiftQueryId: sub.redshiftQueryId,
      ...(sub.result === undefined
        ? {}
        : {
            result: {
              fields: sub.result.fields.map(
                ({ name, typeOid, typeModifier, schemaName, tableName, nullable }) => ({
                  name,
                  typeOid,
                  ...(typeModifier !== undefined ? { typeModifier } : {}),
                  ...(schemaName !== undefined ? { schemaName } : {}),
                  ...(tableName !== undefined ? { tableName } : {}),
                  ...(nullable !== undefined ? { nullable } : {}),
                }),
              ),
              rows: sub.result.rows,
              bytes: sub.result.bytes,
            },
          }),
      ...(sub.resultDropped === undefined ? {} : { resultDropped: sub.resultDropped }),
    })),
    ...optional('statementName'),
    withEvent: record.withEvent,
    resultFormat: record.resultFormat,
    ...optional('sessionId'),
    database: record.database,
    ...optional('clusterIdentifier'),
    ...optional('workgroupName'),
    ...optional('dbUser'),
    ...optional('secretArn'),
    ...optional('executionMode'),
    redshiftPid: record.redshiftPid,
    principal: record.principal,
    ...optional('clientToken'),
  };
}
