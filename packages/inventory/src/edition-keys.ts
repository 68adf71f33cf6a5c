import { foldForMatch, foldScripts, hasLostLetters, lossyKey, markLostLetters, parseIsbn, surnameOf, titleKey } from '@kitap/text';
import { numbering } from '@kitap/dedup';
import { BoundedCache } from './bounded-cache.js';
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

// Several rows of an export usually describe one edition, and many editions share a title or an
// author: the keys of each edition object, and the keys of each title, author and ISBN text, are
// worked out once (bounded caches, so memory does not grow with the export).
const byEdition = new WeakMap<Readonly<EditionData>, EditionKeys>();
const titleParts = new BoundedCache<string, { key: string; lossy: string }>(5000);
const authorParts = new BoundedCache<string, { key: string; lossy: string }>(5000);
const isbnParts = new BoundedCache<string, string>(5000);

function titlePart(title: string): { key: string; lossy: string } {
  // The main title only: one operator types the subtitle, another does not.
  const key = editionTitleKey(mainTitle(title));
  return { key, lossy: lossyKey(key) };
}

function authorPart(author: string): { key: string; lossy: string } {
  const key = authorKey(author);
  return { key, lossy: lossyKey(key) };
}

function isbnPart(text: string): string {
  const isbn = parseIsbn(text);
  return isbn ? (isbn.isbn13 ?? isbn.compact) : text.replace(/[\s-]/g, '');
}

export function editionKeys(edition: Readonly<EditionData>): EditionKeys {
  let keys = byEdition.get(edition);
  if (keys === undefined) {
    keys = computeEditionKeys(edition);
    byEdition.set(edition, keys);
  }
  return keys;
}

function computeEditionKeys(edition: Readonly<EditionData>): EditionKeys {
  const title = titleParts.through(edition.title, titlePart);
  const author = edition.author === undefined ? { key: '', lossy: lossyKey('') } : authorParts.through(edition.author, authorPart);
  const year = edition.year === undefined ? '' : String(edition.year);
  const volume = edition.volume === undefined ? '' : numbering(edition.volume);
  const precise = `${title.key}|${author.key}|${year}|${volume}`;
  const keys: EditionKeys = { precise, lossy: `${title.lossy}|${author.lossy}|${year}|${volume}`, lost: hasLostLetters(precise) };
  if (edition.isbn !== undefined) keys.isbn = isbnParts.through(edition.isbn, isbnPart);
  return keys;
}

/** The title-only lossy key catalog candidates are looked up by (a catalog's year or author may be written differently). */
export function lossyTitleKey(title: string): string {
  return lossyKey(editionTitleKey(title));
}
