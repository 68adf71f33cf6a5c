import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared real-world corpus, read-only, beside the project (absent on users' clones). */
export const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
export const HAS_CORPUS = existsSync(CORPUS);
export const NO_CORPUS_MESSAGE = `../shared/corpus is absent (${CORPUS}); corpus conformance tests are skipped`;

if (!HAS_CORPUS) console.warn(NO_CORPUS_MESSAGE);

export function corpusPath(relative: string): string {
  return join(CORPUS, relative);
}

/** Every file under the corpus whose name matches. */
export function corpusFiles(pattern: RegExp): string[] {
  if (!HAS_CORPUS) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(name)) out.push(path.slice(CORPUS.length));
    }
  };
  walk(CORPUS);
  return out;
}

/** ISO2709 files of the corpus (by content: the first five bytes are digits). */
export const ISO_FILES = corpusFiles(/\.(mrc|marc|dat|iso|ISO)$/).filter((f) => !f.endsWith('.json.marc') || true);
