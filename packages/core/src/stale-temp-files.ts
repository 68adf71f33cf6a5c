import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The name AtomicFile gives a file while it is being written: `.<name>.<pid>.<8 hex>.tmp`. */
const TEMP = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Whether a process with this id is running (then its temporary files are its own business). */
export function processRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A killed run leaves the temporary files it was writing (the finished files
 * are never touched before their rename). The next run of the same folder
 * removes them first — those of processes that are no longer running, so a
 * run going on beside it keeps its own; returns how many it removed.
 */
export function removeStaleTempFiles(dir: string): number {
  let removed = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) removed += removeStaleTempFiles(path);
    else if (TEMP.test(e.name) && !processRunning(Number(TEMP.exec(e.name)![1]))) {
      rmSync(path, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Removes the temporary files an earlier, killed run left beside `target` while
 * writing it (`.<name>.<pid>.<hex>.tmp` of a process no longer running): a
 * command that writes a file calls it first. Only that file's own leftovers, in
 * its own folder, are looked at.
 */
export function removeStaleTempsOf(target: string): number {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = TEMP.exec(name);
    if (match === null || name.length !== prefix.length + match[1]!.length + 1 + 8 + 4 || processRunning(Number(match[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
