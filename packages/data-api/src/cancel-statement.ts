import { CancelStatementCommand, type RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { callDataApi } from './call-data-api';
import { requireStatementId } from './require-statement-id';

/** Cancels a running statement; resolves `true` when the service accepted the cancellation. */
export async function cancelStatement(client: RedshiftDataClient, id: string): Promise<boolean> {
  requireStatementId(id);
  const output = await callDataApi('CancelStatement', () =>
    client.send(new CancelStatementCommand({ Id: id })),
  );
  return output.Status === true;
}
