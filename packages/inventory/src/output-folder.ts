import { mkdirSync, statSync } from 'node:fs';
import { KitapError } from '@kitap/core';

/**
 * Makes the output folder of a run (and its parents) when it is not there.
 * A path that is an existing file, or that runs through one, is a usage
 * error (E_USAGE) naming the path, not an internal error about mkdir.
 */
export function makeOutputFolder(dir: string): void {
  const notAFolder = (): KitapError => new KitapError('E_USAGE', `the output folder ${dir} is a file, not a folder; give --out a folder (it is created if needed)`, { file: dir });
  const throughAFile = (): KitapError => new KitapError('E_USAGE', `the output folder ${dir} cannot be made: part of its path is a file, not a folder`, { file: dir });
  let existing;
  try {
    existing = statSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw throughAFile();
    throw error;
  }
  if (existing !== undefined && !existing.isDirectory()) throw notAFolder();
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw throughAFile();
    throw new KitapError('E_OUTPUT', `cannot make the output folder ${dir}: ${(error as Error).message}`, { file: dir });
  }
}
