import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processRunning, removeOnInterrupt } from '@kitap/core';

/**
 * A temporary folder for a SQLite file that lives as long as one run
 * (`<tmp>/<kind>-<pid>-` and six random characters, as mkdtemp makes it): removed when the run closes it, when the user
 * stops the run (Ctrl+C, SIGTERM), and — for a run that was killed outright —
 * by the next run that makes one, which removes those of processes no longer
 * running. Returns the folder and the function that removes it.
 */
export function tempFolder(kind: string): { dir: string; remove: () => void } {
  const base = tmpdir();
  const stale = new RegExp(`^${kind}-(\\d+)-[A-Za-z0-9]{6}$`);
  try {
    for (const name of readdirSync(base)) {
      const pid = stale.exec(name)?.[1];
      if (pid !== undefined && !processRunning(Number(pid))) rmSync(join(base, name), { recursive: true, force: true });
    }
  } catch {
    // A temporary folder that cannot be listed holds nothing of ours to remove.
  }
  const dir = mkdtempSync(join(base, `${kind}-${process.pid}-`));
  const forget = removeOnInterrupt(dir, 'folder');
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      forget();
    },
  };
}
