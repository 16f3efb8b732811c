import { type Field, GetStatementResultCommand } from '@aws-sdk/client-redshift-data';
import type { RedshiftData } from '@shiftflow/data-api';
import { z } from 'zod';
import type { Cell, ColumnInfo } from './console-api';
import { ConsoleRequestError } from './errors';

/** Rows the console sends per page: a table the page renders at once. */
export const consolePageRows = 100;

/** One page of a statement's result, typed columns included. */
export interface ResultPage {
  columns: ColumnInfo[];
  rows: Cell[][];
  nextToken: string | null;
  totalRows: number;
}

/**
 * The console's page token: the Data API's NextToken of the page to read (null: the first) and
 * how many of its rows were already sent. A Data API page (1 MiB locally, up to 100 MB on AWS) is
 * cut into pages of {@link consolePageRows}; reading one page again is allowed, the result is cached
 * by the service ("Fetches the temporarily cached result of an SQL statement. A token is returned to
 * page through the statement results": https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_GetStatementResult.html).
 */
const pageTokenSchema = z.object({ t: z.string().nullable(), o: z.number().int().nonnegative() });

function encodeToken(token: z.infer<typeof pageTokenSchema>): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

function decodeToken(text: string): z.infer<typeof pageTokenSchema> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined; // reported below with the token itself
  }
  const parsed = pageTokenSchema.safeParse(value);
  if (!parsed.success) {
    throw new ConsoleRequestError(
      400,
      'BAD_REQUEST',
      `nextToken ${JSON.stringify(text.slice(0, 80))} is not a token this console gave; pass the nextToken of the previous page`,
    );
  }
  return parsed.data;
}

/**
 * A Data API field as a JSON cell: `longValue` beyond 2^53 as text (JSON numbers would round it),
 * blobs as base64, NULL as null.
 */
export function fieldToCell(field: Field): Cell {
  if (field.isNull === true) return null;
  if (field.stringValue !== undefined) return field.stringValue;
  if (field.longValue !== undefined) {
    return Number.isSafeInteger(field.longValue) ? field.longValue : String(field.longValue);
  }
  if (field.doubleValue !== undefined) return field.doubleValue;
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.blobValue !== undefined) return Buffer.from(field.blobValue).toString('base64');
  return null;
}

/**
 * Reads one console page of a finished statement's result with GetStatementResult on the local
 * Data API (the SDK client of `dataApi`, so the same endpoint and credentials as the handlers).
 *
 * @throws ConsoleRequestError (`BAD_REQUEST`) for a token this console did not give.
 * @example
 * const first = await readResultPage(dataApi, statementId, undefined);
 * const second = first.nextToken ? await readResultPage(dataApi, statementId, first.nextToken) : undefined;
 */
export async function readResultPage(
  dataApi: RedshiftData,
  statementId: string,
  nextToken: string | undefined,
): Promise<ResultPage> {
  const position = nextToken === undefined ? { t: null, o: 0 } : decodeToken(nextToken);
  const output = await dataApi.client.send(
    new GetStatementResultCommand({
      Id: statementId,
      ...(position.t === null ? {} : { NextToken: position.t }),
    }),
  );
  const records = output.Records ?? [];
  const rows = records
    .slice(position.o, position.o + consolePageRows)
    .map((record) => record.map(fieldToCell));
  const end = position.o + rows.length;
  const following =
    end < records.length
      ? encodeToken({ t: position.t, o: end })
      : output.NextToken
        ? encodeToken({ t: output.NextToken, o: 0 })
        : null;
  return {
    columns: (output.ColumnMetadata ?? []).map((column) => ({
      name: column.name ?? column.label ?? '',
      typeName: column.typeName ?? 'unknown',
    })),
    rows,
    nextToken: following,
    totalRows: output.TotalNumRows ?? records.length,
  };
}
