import { ListStatementsCommand, type RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { callDataApi } from './call-data-api';
import { InvalidOptionError } from './errors';
import { optionalNumber } from './optional-number';
import type { ListStatementsOptions } from './redshift-data-options';
import { type StatementSummary, toStatementSummary } from './statement-description';

const maxPageSize = 100;

/** Lists statements, newest first, following `NextToken` across pages and stopping after `maxResults`. */
export async function* listStatements(
  client: RedshiftDataClient,
  options: ListStatementsOptions,
): AsyncGenerator<StatementSummary, void, undefined> {
  const maxResults = optionalNumber('maxResults', options.maxResults, 1, Number.MAX_SAFE_INTEGER);
  if (options.statementNamePrefix !== undefined && typeof options.statementNamePrefix !== 'string') {
    throw new InvalidOptionError(
      'statementNamePrefix must be a string',
      'statementNamePrefix',
      options.statementNamePrefix,
    );
  }
  let yielded = 0;
  let nextToken: string | undefined;
  do {
    const pageSize = Math.min(maxPageSize, maxResults === undefined ? maxPageSize : maxResults - yielded);
    const token = nextToken;
    const output = await callDataApi('ListStatements', () =>
      client.send(
        new ListStatementsCommand({
          NextToken: token,
          MaxResults: pageSize,
          StatementName: options.statementNamePrefix,
          Status: options.status,
          RoleLevel: options.roleLevel,
        }),
      ),
    );
    for (const statement of output.Statements ?? []) {
      yield toStatementSummary(statement);
      yielded++;
      if (maxResults !== undefined && yielded >= maxResults) return;
    }
    nextToken = output.NextToken || undefined;
  } while (nextToken !== undefined);
}
