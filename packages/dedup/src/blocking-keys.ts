import { ngramFingerprint } from '@kitap/text';
import type { RecordFeatures } from './features.js';

/** What blocking keys are made of. */
export type KeyedFeatures = Pick<RecordFeatures, 'isbns' | 'issns' | 'controlNumbers' | 'title' | 'authors' | 'year'>;

/**
 * Blocking keys in tiers: two records are compared only when they share one.
 * Identifiers first (ISBN-13, ISSN, control numbers), then title with first
 * author and year, then a misprint-tolerant pair — the title's first and last
 * twelve letters each with the year — the first author with the year (`a:`
 * keys, kept in small blocks, see `AUTHOR_BLOCK`), and, when asked for, the
 * title's n-gram fingerprint with the year. On the labelled sets the n-gram
 * tier found 64 of 395,000 candidate pairs that the others missed, none of
 * them a duplicate, and cost a fifth of the run, so it is off by default
 * (`dedup.ngramKeys` in the config). Each tier catches what the one before misses: a missing
 * ISBN, a misprint at either end of the title, a retyped title.
 *
 * Every key but the identifiers carries the year, because a different year is
 * a veto: pairs from different years would be scored only to be thrown away
 * (this is why the n-gram tier does not pair years one apart, as VuFind's does).
 */
export function blockingKeys(f: KeyedFeatures, options: { ngram?: boolean } = {}): string[] {
  // Each key once, in the order of the tiers; only identifiers can repeat (keys of two tiers never meet).
  const keys: string[] = [];
  const add = (key: string): void => {
    if (!keys.includes(key)) keys.push(key);
  };
  for (const isbn of f.isbns) add(`i:${isbn}`);
  for (const issn of f.issns) add(`s:${issn}`);
  for (const c of f.controlNumbers) add(`c:${c}`);
  const title = f.title.replaceAll(' ', '');
  const author = f.authors[0] ?? '';
  const year = f.year ?? '';
  if (title.length >= 3) {
    keys.push(`t:${title.slice(0, 30)}|${author}|${year}`);
    if (f.year !== undefined) {
      keys.push(`h:${title.slice(0, 12)}|${f.year}`);
      if (title.length > 12) keys.push(`e:${title.slice(-12)}|${f.year}`);
      if (options.ngram) keys.push(`n:${ngramFingerprint(f.title)}|${f.year}`);
    }
  }
  if (author && f.year !== undefined) keys.push(`a:${author}|${f.year}`);
  return keys;
}

/** An author's books of one year form a block only up to this size: a prolific author would otherwise pair every title with every other. */
export const AUTHOR_BLOCK = 25;
