/**
 * A TypeScript consumer project's sources, ESM (.mts) and CommonJS (.cts), checked with Node's own
 * module resolution (`nodenext`) against the installed packages' types. They are written into the
 * consumer project by the test (as files here, this repository's tsconfig would check them with its
 * Bundler resolution instead). Each file also makes one mistake the types must reject
 * (`@ts-expect-error` fails the check when the types accept it). `exactOptionalPropertyTypes` is on, as
 * in strict projects, so optional options must accept `undefined` read from optional fields.
 */
export const typeScriptConsumer: Record<string, string> = {
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['types'],
    },
    null,
    2,
  )}\n`,

  'types/consumer.mts': `import { RedshiftDataApi, sql, type StatementDescription } from '@shiftflow/data-api';
import { type EltRunResult, handler as runnerHandler } from '@shiftflow/elt-runner';
import { type PipelineConfig, parsePipelineConfig, runnerEnvironment } from '@shiftflow/events';
import { handler as notifierHandler, type NotifyOutcome } from '@shiftflow/notifier';
import { type LocalRedshift, startLocalRedshift } from '@shiftflow/redshift-local';

import { z } from 'zod';

const local: LocalRedshift = await startLocalRedshift({ s3Root: '/tmp' });
const data = new RedshiftDataApi({
  clientConfig: { endpoint: local.endpoint },
  target: { workgroupName: 'w', database: 'dev' },
});
const rows: { id: number }[] = await data.query(sql\`select \${1} as id\`, { schema: z.object({ id: z.number() }) });
const first = await data.execute('create temp table t as select 1 as x', { sessionKeepAliveSeconds: 60 });
const inSession: Record<string, unknown>[] = await data.query('select x from t', { sessionId: first.sessionId });
const description: StatementDescription = await data.describe(String(rows.length + inSession.length));
const config: PipelineConfig = parsePipelineConfig({});
const environment: Record<string, string> = runnerEnvironment(config);
const run: EltRunResult = await runnerHandler({});
const outcome: NotifyOutcome = await notifierHandler({});
export const used = [description.status, environment, run.status, outcome.status];
// @ts-expect-error a target needs a cluster or a workgroup
new RedshiftDataApi({ target: { database: 'dev' } });
// @ts-expect-error the sql tag takes no objects (the message says to JSON.stringify them)
sql\`select \${{ a: 1 }}\`;
`,

  'types/consumer.cts': `import { InvalidTargetError, RedshiftData, type SqlStatement, sql } from '@shiftflow/data-api';
import { EventParseError, parseStatementStatusChangeEvent } from '@shiftflow/events';
import { startLocalRedshift } from '@shiftflow/redshift-local';

const statement: SqlStatement = sql\`select \${1}\`;
export async function main(): Promise<string> {
  const local = await startLocalRedshift({ s3Root: '/tmp' });
  const data = new RedshiftData({
    clientConfig: { endpoint: local.endpoint },
    target: { workgroupName: 'w', database: 'dev' },
  });
  const [row] = await data.query<{ id: number }>(statement);
  const state: 'FINISHED' | 'FAILED' | 'ABORTED' = parseStatementStatusChangeEvent({}).detail.state;
  return \`\${row?.id} \${state} \${new InvalidTargetError('m', {}).code} \${EventParseError.name}\`;
}
// @ts-expect-error query takes SQL, not a number
void new RedshiftData({ target: { workgroupName: 'w', database: 'dev' } }).query(42);
`,
};
