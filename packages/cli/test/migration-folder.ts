import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

/** Files that may differ between two runs of the same migration: the job's own state, its log, and the dedup report's timings. */
const NOT_COMPARED = /^(migrate\.sqlite.*|migrate\.log|work\/inventory\/job\.sqlite.*|work\/dedup\/dedup\.json)$/;

/** Every file of a migration folder, by its path inside it, except the job's own state. */
export function migrationFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const rel = relative(dir, path).replaceAll('\\', '/');
        if (!NOT_COMPARED.test(rel)) out.set(rel, readFileSync(path));
      }
    }
  };
  walk(dir);
  return out;
}

/** The same files, byte for byte. */
export function expectSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, bytes] of expected) expect(actual.get(name)!.equals(bytes), `${name} differs`).toBe(true);
}
