import { statSync } from 'node:fs';

/** The size of a regular file in bytes; 0 for standard input (`-`), anything else, or a path that cannot be read (its reader says why). */
export function fileSize(path: string): number {
  if (path === '-') return 0;
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : 0;
  } catch {
    return 0;
  }
}
