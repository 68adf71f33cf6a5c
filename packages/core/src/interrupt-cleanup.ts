import { rmSync } from 'node:fs';

/**
 * Temporary files and folders to remove when the user stops a run with Ctrl+C
 * (SIGINT) or the system stops it (SIGTERM). Node would exit at once and leave
 * them; while any is registered, the signal removes them and then exits with
 * the usual code (130 or 143). Nothing is registered while commands such as
 * `kitap serve` wait for the signal themselves, so their own stop still runs.
 * (SIGKILL cannot be caught: the next run removes what a killed one left, see
 * stale-temp-files.ts.)
 */
const registered = new Map<string, 'file' | 'folder'>();

function onSignal(signal: NodeJS.Signals): void {
  for (const [path, kind] of registered) {
    try {
      rmSync(path, { force: true, recursive: kind === 'folder' });
    } catch {
      // Removing what can be removed is all a stopping process can do.
    }
  }
  registered.clear();
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
