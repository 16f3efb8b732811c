import { formatDuration } from '../output/format-duration';
import type { LocalPipeline } from '../pipeline/start-local-pipeline';
import type { CommandContext } from './command-context';
import { ensureSetupApplied } from './ensure-setup-applied';

/**
 * After a save in a setup folder: applies the setup when it changed and says how long it took, or
 * else creates again what was dropped by hand. A failure is printed with what to do, not thrown,
 * so `dev` goes on and applies the next save.
 *
 * @example
 * watchSetupFolders({ directories, onChange: () => void queue.enqueue(() => reapplySetup(context, pipeline)) });
 */
export async function reapplySetup(context: CommandContext, pipeline: LocalPipeline): Promise<void> {
  const out = context.stderr;
  const started = performance.now();
  try {
    const setup = await pipeline.applySetup();
    if (setup.applied) {
      out.line(
        `re-applied setup ${setup.files.join(', ')} in ${formatDuration(performance.now() - started)}`,
      );
    } else await ensureSetupApplied(context, pipeline, 'repair');
  } catch (error) {
    out.line(
      `${out.style('red', 'setup failed:')} ${error instanceof Error ? error.message : String(error)}; fix the SQL and save again`,
    );
  }
}
