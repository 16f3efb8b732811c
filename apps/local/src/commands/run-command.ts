import { integerOption } from '../cli/parse-command-line';
import { UsageError } from '../errors';
import type { CommandContext } from './command-context';
import { materializedViewRows, openPipeline, printViews } from './open-pipeline';

/** `shiftflow run`: one run now; exit code 0 when the statement FINISHED, 1 otherwise. */
export async function runCommand(context: CommandContext): Promise<number> {
  const timeoutSeconds = integerOption(context.options, 'timeout', 600, 1);
  let config = await context.config();
  const eltSql = context.options['elt-sql'];
  if (typeof eltSql === 'string') {
    if (eltSql.trim() === '') throw new UsageError('--elt-sql needs SQL, got an empty string');
    config = { ...config, eltSql };
  }
  const reason = typeof context.options.reason === 'string' ? context.options.reason : 'shiftflow run';
  const { pipeline, close } = await openPipeline(context, config, { command: 'run' });
  try {
    const result = await pipeline.run(
      { trigger: 'manual', reason },
      { timeoutMs: timeoutSeconds * 1000, signal: context.signal },
    );
    const views = result.status === 'FINISHED' ? await materializedViewRows(context, pipeline) : [];
    if (context.json) {
      context.stdout.line(
        JSON.stringify({ ...result, views }, (_key, value) =>
          typeof value === 'bigint' ? value.toString() : value,
        ),
      );
    } else {
      printViews(context, views);
      if (result.status !== 'FINISHED') {
        context.stderr.line(
          `${context.stderr.style('red', 'run did not finish:')} ${result.status}${result.error ? `: ${result.error}` : ''}`,
        );
      }
    }
    return result.status === 'FINISHED' ? 0 : 1;
  } finally {
    await close();
  }
}
