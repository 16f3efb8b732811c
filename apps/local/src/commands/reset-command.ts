import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { LocalAppError } from '../errors';
import { engineLockHolder } from '../state/engine-lock';
import type { CommandContext } from './command-context';

/** `shiftflow reset`: deletes the state folder, but only one that shiftflow created. */
export async function resetCommand(context: CommandContext): Promise<number> {
  const state = context.state();
  if (!existsSync(state.root)) {
    if (context.json) context.stdout.line(JSON.stringify({ deleted: false, stateDirectory: state.root }));
    else context.stdout.line(`Nothing to reset: ${state.root} does not exist.`);
    return 0;
  }
  const holder = await engineLockHolder(state);
  if (holder) {
    throw new LocalAppError(
      'ENGINE_IN_USE',
      `refusing to delete ${state.root}: "shiftflow ${holder.command}" (pid ${holder.pid}) is using it; stop it first`,
    );
  }
  const entries = await readdir(state.root);
  if (entries.length > 0 && !existsSync(state.marker)) {
    throw new LocalAppError(
      'NOT_A_STATE_FOLDER',
      `refusing to delete ${state.root}: it is not empty and has no .shiftflow-state marker, so shiftflow did not create it`,
    );
  }
  await rm(state.root, { recursive: true, force: true });
  if (context.json) context.stdout.line(JSON.stringify({ deleted: true, stateDirectory: state.root }));
  else context.stdout.line(`Deleted the local state in ${state.root}.`);
  return 0;
}
