import type { Stats } from 'node:fs';

/** What tells one version of a file from the next: `kitap migrate` replaces its files by renaming, which changes the inode. */
export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

export function stampOf(stats: Stats): FileStamp {
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}
