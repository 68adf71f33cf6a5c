import { ngramFingerprint } from '@kitap/text';
import type { RecordFeatures } from './features.js';

/**
 * Blocking keys in tiers: two records are compared only when they share one.
 * Identifiers first (ISBN-13, ISSN, control numbers), then title with first
 * author, then a misprint-tolerant pair — the title's first and last twelve
 * letters each with the year — and the title's n-gram fingerprint with the year
 * and the year after (so years one apart still meet), and the first author
 * with the year. Each tier catches what the one before misses: a missing ISBN,
 * a misprint at either end of the title, a retyped title.
 */
export function blockingKeys(f: RecordFeatures): string[] {
  const keys = new Set<string>();
  for (const isbn of f.isbns) keys.add(`i:${isbn}`);
  for (const issn of f.issns) keys.add(`s:${issn}`);
  for (const c of f.controlNumbers) keys.add(`c:${c}`);
  const title = f.title.replace(/ /g, '');
  const author = f.authors[0] ?? '';
  if (title.length >= 3) {
    keys.add(`t:${title.slice(0, 30)}|${author}`);
    if (f.year !== undefined) {
      keys.add(`h:${title.slice(0, 12)}|${f.year}`);
      if (title.length > 12) keys.add(`e:${title.slice(-12)}|${f.year}`);
      const grams = ngramFingerprint(f.title);
      keys.add(`n:${grams}|${f.year}`);
      keys.add(`n:${grams}|${f.year + 1}`);
    }
  }
  if (author && f.year !== undefined) keys.add(`a:${author}|${f.year}`);
  return [...keys];
}
