import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { KitapError } from '@kitap/core';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One `kitap migrate` at a time per folder: `<dir>/migrate.lock` holds the
 * running job's pid. A lock left by a killed run (its process is gone) is
 * taken over. Returns the function that releases it.
 */
export function lockFolder(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new KitapError('E_USAGE', `another kitap migrate (process ${pid}) is working in this folder; wait for it or stop it first`, { file: path });
      }
      rmSync(path, { force: true });
    }
  }
  throw new KitapError('E_OUTPUT', 'cannot take the folder lock', { file: path });
}
