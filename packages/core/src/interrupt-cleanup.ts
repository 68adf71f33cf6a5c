import { rmSync } from 'node:fs';

/**
 * Temporary files and folders to remove when the user stops a run with Ctrl+C
 * (SIGINT) or the system stops it (SIGTERM). Node would exit at once and leave
 * them; while any is registered, the signal removes them and then exits with
 * the usual code (130 or 143) — unless the command stops on the signal by
 * itself (`interruptsHandledByCommand`: `kitap serve`), whose own stop runs.
 * (SIGKILL cannot be caught: the next run removes what a killed one left, see
 * stale-temp-files.ts.)
 */
const registered = new Map<string, 'file' | 'folder'>();
/** Set by a command that stops gracefully on the signal itself (and closes what it opened). */
let handledByCommand = false;

/**
 * Says that the running command waits for SIGINT/SIGTERM and stops by itself
 * (`kitap serve`, `kitap rabis serve`): its temporary files are then removed
 * by its own closing, and the signal does not end the process early.
 */
export function interruptsHandledByCommand(): void {
  handledByCommand = true;
}

/** Removes every registered temporary file and folder now (the process is about to end without finishing). */
export function removeTemporaryFiles(): void {
  for (const [path, kind] of registered) {
    try {
      rmSync(path, { force: true, recursive: kind === 'folder' });
    } catch {
      // Removing what can be removed is all a stopping process can do.
    }
  }
  registered.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  if (handledByCommand) return;
  removeTemporaryFiles();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Removes `path` if the run is interrupted; call the function returned once the path is committed or gone. */
export function removeOnInterrupt(path: string, kind: 'file' | 'folder' = 'file'): () => void {
  if (registered.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  registered.set(path, kind);
  return () => {
    if (!registered.delete(path) || registered.size > 0) return;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
