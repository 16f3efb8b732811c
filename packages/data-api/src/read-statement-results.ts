import {
  GetStatementResultCommand,
  GetStatementResultV2Command,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { callDataApi } from './call-data-api';
import { createRowDecoder, type DecodingOptions, type RowDecoder } from './create-row-decoder';
import { InvalidOptionError } from './errors';
import type { ResultsOptions } from './redshift-data-options';
import { requireStatementId } from './require-statement-id';

/**
 * Reads a finished statement's results page by page (following `NextToken`), each page decoded to rows:
 * `GetStatementResult` for JSON, `GetStatementResultV2` for CSV. `decoding` is the client's default,
 * which `options.decoding` overrides.
 */
export async function* readStatementResults<Row extends object>(
  client: RedshiftDataClient,
  id: string,
  options: ResultsOptions,
  decoding: DecodingOptions,
): AsyncGenerator<Row[], void, undefined> {
  requireStatementId(id);
  const resultFormat = options.resultFormat ?? 'JSON';
  if (resultFormat !== 'JSON' && resultFormat !== 'CSV') {
    throw new InvalidOptionError(
      `resultFormat is ${JSON.stringify(resultFormat)}; expected 'JSON' or 'CSV'`,
      'resultFormat',
      resultFormat,
    );
  }
  const pageDecoding = { ...decoding, ...options.decoding };
  let decoder: RowDecoder<Row> | undefined;
  let nextToken: string | undefined;
  let firstPage = true;
  const abortOptions = options.signal === undefined ? {} : { abortSignal: options.signal };
  do {
    options.signal?.throwIfAborted();
    const token = nextToken;
    if (resultFormat === 'CSV') {
      const output = await callDataApi('GetStatementResultV2', () =>
        client.send(new GetStatementResultV2Command({ Id: id, NextToken: token }), abortOptions),
      );
      if (decoder === undefined || (output.ColumnMetadata?.length ?? 0) > 0) {
        decoder = createRowDecoder<Row>(output.ColumnMetadata ?? [], pageDecoding);
      }
      const rows: Row[] = [];
      for (const [index, record] of (output.Records ?? []).entries()) {
        if (record.CSVRecords === undefined) continue;
        for (const row of decoder.decodeCsv(record.CSVRecords, firstPage && index === 0)) rows.push(row);
      }
      nextToken = output.NextToken || undefined;
      firstPage = false;
      yield rows;
    } else {
      const output = await callDataApi('GetStatementResult', () =>
        client.send(new GetStatementResultCommand({ Id: id, NextToken: token }), abortOptions),
      );
      if (decoder === undefined || (output.ColumnMetadata?.length ?? 0) > 0) {
        decoder = createRowDecoder<Row>(output.ColumnMetadata ?? [], pageDecoding);
      }
      nextToken = output.NextToken || undefined;
      yield decoder.decodeRecords(output.Records ?? []);
    }
  } while (nextToken !== undefined);
}
