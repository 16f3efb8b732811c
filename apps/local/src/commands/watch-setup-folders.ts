import { type FSWatcher, watch } from 'node:fs';

/** Options of {@link watchSetupFolders}. */
export interface WatchSetupFoldersOptions {
  /** Folders holding the setup SQL files. */
  directories: readonly string[];
  /** Called once per burst of `.sql` changes, `debounceMs` after the last one. */
  onChange: () => void;
  /** Receives a watcher's error (e.g. its folder was deleted); the other folders stay watched. */
  onError: (error: Error, directory: string) => void;
  /** Quiet time after the last change before `onChange`. Defaults to 300 ms. */
  debounceMs?: number;
  /** Defaults to `fs.watch`. */
  watchFolder?: (directory: string, listener: (event: string, file: string | null) => void) => FSWatcher;
}

/** Watching setup folders; `close` stops the watchers and drops a pending change. */
export interface SetupFolderWatch {
  close(): void;
}

/**
 * Watches the setup SQL folders for `shiftflow dev`: a burst of saves gives one `onChange`, and a
 * watcher that fails is reported through `onError` instead of ending the process.
 *
 * @example
 * const watching = watchSetupFolders({ directories: ['sql/setup'], onChange: reapply, onError: print });
 * // on Ctrl-C
 * watching.close();
 */
export function watchSetupFolders(options: WatchSetupFoldersOptions): SetupFolderWatch {
  const debounceMs = options.debounceMs ?? 300;
  const watchFolder = options.watchFolder ?? ((directory, listener) => watch(directory, listener));
  const watchers: FSWatcher[] = [];
  let pending: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = (_event: string, file: string | null) => {
    if (closed || (file && !String(file).endsWith('.sql'))) return;
    clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      if (!closed) options.onChange();
    }, debounceMs);
  };
  const close = () => {
    closed = true;
    clearTimeout(pending);
    pending = undefined;
    for (const watcher of watchers) watcher.close();
  };
  try {
    for (const directory of options.directories) {
      const watcher = watchFolder(directory, changed);
      // Without a listener an FSWatcher's 'error' is thrown and ends `dev`.
      watcher.on('error', (error: Error) => options.onError(error, directory));
      watchers.push(watcher);
    }
  } catch (error) {
    close();
    throw error;
  }
  return { close };
}
