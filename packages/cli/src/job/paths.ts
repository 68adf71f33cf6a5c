import { KitapError } from '@kitap/core';
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

/**
 * Refuses (E_USAGE) a command whose files written would replace one it reads, or each other: a
 * mistyped option must never destroy a catalog. `read` and `written` are [option, path] pairs.
 */
export function requireDistinct(command: string, read: readonly [string, string | undefined][], written: readonly [string, string | undefined][]): void {
  const outputs = written.filter((w): w is [string, string] => w[1] !== undefined && w[1] !== '-');
  for (let i = 0; i < outputs.length; i++) {
    const [option, path] = outputs[i]!;
    for (const [inOption, inPath] of read) {
      if (inPath !== undefined && samePath(path, inPath)) throw new KitapError('E_USAGE', `kitap ${command} never writes over what it reads: ${option} ${path} is the ${inOption}`);
    }
    for (const [other, otherPath] of outputs.slice(0, i)) {
      if (samePath(path, otherPath)) throw new KitapError('E_USAGE', `kitap ${command} writes each file once: ${option} and ${other} both name ${path}`);
    }
  }
}
