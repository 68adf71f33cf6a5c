import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

/** True when two paths name the same file (after resolving symlinks where the file exists). */
export function samePath(a: string, b: string): boolean {
  if (a === '-' || b === '-') return false;
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}
