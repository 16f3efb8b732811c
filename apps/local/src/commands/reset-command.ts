import { resetStateFolder } from '../state/reset-state-folder';
import type { CommandContext } from './command-context';

/** `shiftflow reset`: deletes what shiftflow keeps in the state folder, only in a folder it created. */
export async function resetCommand(context: CommandContext): Promise<number> {
  const state = context.state();
  const outcome = await resetStateFolder(state);
  const kept = outcome.status === 'reset' ? outcome.kept : [];
  if (context.json) {
    context.stdout.line(
      JSON.stringify({ deleted: outcome.status === 'reset', stateDirectory: state.root, kept }),
    );
  } else if (outcome.status === 'missing') {
    context.stdout.line(`Nothing to reset: ${state.root} does not exist.`);
  } else if (outcome.status === 'empty') {
    context.stdout.line(`Nothing to reset: ${state.root} is empty.`);
  } else if (kept.length === 0) {
    context.stdout.line(`Deleted the local state in ${state.root}.`);
  } else {
    context.stdout.line(
      `Deleted the local state in ${state.root}; kept what shiftflow did not make there: ${kept.join(', ')}.`,
    );
  }
  return 0;
}
