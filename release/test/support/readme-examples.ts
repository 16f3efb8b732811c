/**
 * Builds a TypeScript program from `@shiftflow/data-api`'s README, using its examples verbatim: the
 * local-development snippet starts redshift-local and creates the client, then the examples marked
 * `<!-- example: name -->` run in order against it, and the program reports what they produced on a
 * `RESULT <json>` line. Only two lines are the test's own: a stand-in `run_elt_process()` that runs
 * for a minute (so the timeout example has something to cancel), and the report.
 */

/** The README examples the program runs, in this order, after the local-development snippet. */
export const readmeExampleNames = [
  'nullable-insert',
  'in-list',
  'nested-fragment',
  'schema-typed',
  'timeout',
];

const setupEnd = '// … the examples above run as they are against `data` …';

/** The code of the fenced `ts` block after `<!-- example: name -->`, or an error naming what is missing. */
export function readmeExample(readme: string, name: string): string {
  const marker = `<!-- example: ${name} -->`;
  const start = readme.indexOf(marker);
  if (start === -1) throw new Error(`the README has no ${marker}`);
  const match = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(start + marker.length));
  if (match === null) throw new Error(`no \`\`\`ts block follows ${marker} in the README`);
  return match[1]!;
}

/** The program: setup, examples, the report, teardown. */
export function readmeExamplesProgram(readme: string): string {
  const local = readmeExample(readme, 'local-development');
  const split = local.indexOf(setupEnd);
  if (split === -1) throw new Error(`the local-development example has no line ${setupEnd}`);
  const setup = local.slice(0, split);
  const teardown = local.slice(split + setupEnd.length);
  return `${setup}
// The test's stand-in for a long ELT procedure: the timeout example cancels it.
await data.query('create or replace procedure run_elt_process() as $$ begin perform pg_sleep(60); end; $$ language plpgsql');
const logged: string[] = [];
const print = console.log;
console.log = (...values: unknown[]) => {
  logged.push(values.map(String).join(' '));
};

${readmeExampleNames.map((name) => `// README example: ${name}\n${readmeExample(readme, name)}`).join('\n\n')}

console.log = print;
// How each run of the long procedure ended, waiting without cancelling (a minute's sleep would time out).
const procedureRuns: string[] = [];
for await (const statement of data.listStatements({ status: 'ALL' })) {
  if (statement.queryString !== 'call run_elt_process()') continue;
  procedureRuns.push(
    await data.wait(statement.id, { timeoutMs: 30_000, cancelOnTimeout: false }).then(
      (description) => description.status ?? 'unknown',
      (error: unknown) => (error instanceof Error && 'code' in error ? String(error.code) : String(error)),
    ),
  );
}
process.stdout.write(\`RESULT \${JSON.stringify({ logged, inList, nested, counts, procedureRuns })}\\n\`);
${teardown}`;
}
