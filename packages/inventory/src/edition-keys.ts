import { foldForMatch, foldScripts, hasLostLetters, lossyKey, markLostLetters, parseIsbn, surnameOf, titleKey } from '@kitap/text';
import { numbering } from '@kitap/dedup';
import type { EditionData } from './classify-row.js';

/**
 * The keys that group a 1C export's rows into editions, built from the same
 * match keys dedup uses (`titleKey`: case, ё, ISBD punctuation, look-alike and
 * mixed-script letters, Kazakh letters typed as Russian ones), never by
 * changing the data.
 *
 * - `precise`: main title key | first author's surname | year | volume. Rows with equal
 *   precise keys and no conflicting ISBNs are one edition.
 * - `lossy`: the precise key with every letter a lost Kazakh letter could
 *   stand for turned into `*`. A row whose Kazakh letters were lost as "?"
 *   («?аза? хал?ы») shares it with the rows it may belong to; `lostLetterEquals`
 *   on the precise keys decides.
 */
export interface EditionKeys {
  precise: string;
  lossy: string;
  /** ISBN-13 (or the compact form of an invalid ISBN), when the row gives one. */
  isbn?: string;
  /** True when the precise key holds letters lost as "?". */
  lost: boolean;
}

/** The surname key of an author heading: folded, with lost letters marked. */
export function authorKey(author: string | undefined): string {
  if (author === undefined) return '';
  return foldScripts(foldForMatch(surnameOf(markLostLetters(author).text)));
}

/** The title key with lost letters marked. */
export function editionTitleKey(title: string): string {
  return titleKey(markLostLetters(title).text);
}

/** The main title: the title before its first ISBD separator («Абай жолы : роман» → «Абай жолы»). */
export function mainTitle(title: string): string {
  const cut = title.split(/\s*[:;/=]\s+|\.\s/u)[0]!.trim();
  return cut === '' ? title : cut;
}

// Several rows of an export usually describe one edition: the keys of each distinct description are
// computed once (a bounded cache, emptied when full, so memory does not grow with the export).
const KEY_CACHE_LIMIT = 20_000;
const keyCache = new Map<string, EditionKeys>();

export function editionKeys(edition: EditionData): EditionKeys {
  const id = `${edition.title}\u0000${edition.author ?? ''}\u0000${edition.year ?? ''}\u0000${edition.volume ?? ''}\u0000${edition.isbn ?? ''}`;
  const hit = keyCache.get(id);
  if (hit) return hit;
  const keys = computeEditionKeys(edition);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(id, keys);
  return keys;
}

function computeEditionKeys(edition: EditionData): EditionKeys {
  // The main title only: one operator types the subtitle, another does not.
  const title = editionTitleKey(mainTitle(edition.title));
  const author = authorKey(edition.author);
  const year = edition.year === undefined ? '' : String(edition.year);
  const volume = edition.volume === undefined ? '' : numbering(edition.volume);
  const precise = `${title}|${author}|${year}|${volume}`;
  const keys: EditionKeys = { precise, lossy: `${lossyKey(title)}|${lossyKey(author)}|${year}|${volume}`, lost: hasLostLetters(precise) };
  if (edition.isbn !== undefined) {
    const isbn = parseIsbn(edition.isbn);
    keys.isbn = isbn ? (isbn.isbn13 ?? isbn.compact) : edition.isbn.replace(/[\s-]/g, '');
  }
  return keys;
}

/** The title-only lossy key catalog candidates are looked up by (a catalog's year or author may be written differently). */
export function lossyTitleKey(title: string): string {
  return lossyKey(editionTitleKey(title));
}
