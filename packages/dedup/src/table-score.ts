import { editDistance, similarity } from '@kitap/text';
import type { Weights } from './config.js';
import { CELL, FLAG, NONE, type TableView } from './feature-table.js';

const { TYPE, LEVEL, FLAGS, YEAR, PAGES, VOLUME, SERIES, EDITION_NUMBER, EDITION, LANGUAGE, PUBLISHER, LIST, COUNTS_1, COUNTS_2, TEXT, STRIDE } = CELL;

/** Pool ids below this are remembered in pairs (a pair is then one small integer). */
const REMEMBERED = 1 << 15;
const ISBN = 0;
const ISSN = 1;
const CONTROL = 2;

/**
 * `hasVeto` and `scoreCeiling` (score.ts) worked out on a `FeatureTable`
 * instead of feature objects, for the millions of candidate pairs most of
 * which are distinct: the same rules with the same answers (the tests hold
 * the two side by side on every candidate pair of the labelled sets), read
 * from one row of numbers a record. Strings are compared by pool id, or by
 * hash and then by the strings; similarities of pooled strings other than
 * authors are remembered.
 */
export class TableScorer {
  readonly #c: Int32Array;
  readonly #lists: Int32Array;
  readonly #strings: readonly string[];
  readonly #authors: readonly string[];
  readonly #texts: readonly string[];
  readonly #bigPages: ReadonlyMap<number, number>;
  /** Similarities of pooled strings already worked out, by threshold, then by the pair of ids. */
  readonly #known = new Map<number, Map<number, boolean>>();

  constructor(
    view: TableView,
    readonly weights: Weights,
  ) {
    this.#c = view.cells;
    this.#lists = view.lists;
    this.#strings = view.strings;
    this.#authors = view.authors;
    this.#texts = view.texts;
    this.#bigPages = view.bigPages;
  }

  /** As `hasVeto`: whether a veto separates rows a and b. */
  vetoed(a: number, b: number): boolean {
    const c = this.#c;
    const x = a * STRIDE;
    const y = b * STRIDE;
    if (c[x + TYPE] !== c[y + TYPE] || c[x + LEVEL] !== c[y + LEVEL]) return true;
    if ((c[x + FLAGS]! & (FLAG.COMPONENT_PART | FLAG.UNIMARC)) !== (c[y + FLAGS]! & (FLAG.COMPONENT_PART | FLAG.UNIMARC))) return true;
    if (c[x + COUNTS_1]! >>> 16 && c[y + COUNTS_1]! >>> 16 && this.#firstShared(a, b, ISSN) < 0) return true;
    // A missing volume is the empty one ('' is pool id 0).
    if (Math.max(c[x + VOLUME]!, 0) !== Math.max(c[y + VOLUME]!, 0)) return true;
    if (c[x + SERIES] !== NONE && c[y + SERIES] !== NONE && c[x + SERIES] !== c[y + SERIES]) return true;
    const na = c[x + EDITION_NUMBER]!;
    const nb = c[y + EDITION_NUMBER]!;
    if (na !== NONE && nb !== NONE && na !== nb) return true;
    if (na === NONE && nb === NONE && c[x + EDITION] !== NONE && c[y + EDITION] !== NONE && !this.#similar(this.#strings, c[x + EDITION]!, c[y + EDITION]!, 0.8, true)) return true;
    if (c[x + YEAR] !== NONE && c[y + YEAR] !== NONE && c[x + YEAR] !== c[y + YEAR]) return true;
    return false;
  }

  /** As `scoreCeiling(...).score`: the pair's score with the title given all its points (the same sum in the same order). */
  ceiling(a: number, b: number): number {
    const c = this.#c;
    const w = this.weights;
    const x = a * STRIDE;
    const y = b * STRIDE;
    let raw = 0;

    const isbnsA = c[x + COUNTS_1]! & 0xffff;
    const isbnsB = c[y + COUNTS_1]! & 0xffff;
    if (isbnsA && isbnsB) {
      const shared = this.#firstShared(a, b, ISBN);
      raw += shared >= 0 && this.#texts[this.#textAt(a, ISBN) + shared] ? w.isbnShared : w.isbnConflict;
    }

    if (c[x + COUNTS_2]! & 0xffff && c[y + COUNTS_2]! & 0xffff) {
      const shared = this.#firstShared(a, b, CONTROL);
      if (shared >= 0 && this.#texts[this.#textAt(a, CONTROL) + shared]) raw += w.controlNumberShared;
    }

    if (c[x + FLAGS]! & c[y + FLAGS]! & FLAG.FULL_TITLE) raw += Math.max(0, w.title);

    const authorsA = c[x + COUNTS_2]! >>> 16;
    const authorsB = c[y + COUNTS_2]! >>> 16;
    if (authorsA && authorsB) {
      const at = this.#listAt(x, 3);
      const bt = this.#listAt(y, 3);
      const authorA = this.#lists[at]!;
      const authorB = this.#lists[bt]!;
      const same = authorA === authorB || this.#similar(this.#authors, authorA, authorB, 0.85, false) || this.#hasAuthor(at, authorsA, authorB) || this.#hasAuthor(bt, authorsB, authorA);
      raw += same ? w.authorSame : w.authorDifferent;
    }

    if (c[x + YEAR] !== NONE && c[x + YEAR] === c[y + YEAR]) raw += w.yearSame;

    if (c[x + PUBLISHER]! > 0 && c[y + PUBLISHER]! > 0) raw += this.#similar(this.#strings, c[x + PUBLISHER]!, c[y + PUBLISHER]!, 0.8, true) ? w.publisherSame : w.publisherDifferent;

    const fa = c[x + FLAGS]!;
    const fb = c[y + FLAGS]!;
    const pa = fa & FLAG.BIG_PAGES ? this.#bigPages.get(a)! : c[x + PAGES]!;
    const pb = fb & FLAG.BIG_PAGES ? this.#bigPages.get(b)! : c[y + PAGES]!;
    if ((pa !== NONE || fa & FLAG.BIG_PAGES) && (pb !== NONE || fb & FLAG.BIG_PAGES)) raw += Math.abs(pa - pb) <= w.pagesTolerance ? w.pagesClose : w.pagesFar;

    if (c[x + LANGUAGE]! > 0 && c[y + LANGUAGE]! > 0 && c[x + LANGUAGE] !== c[y + LANGUAGE]) raw += w.languageDifferent;

    return Math.round(Math.max(0, Math.min(1, raw)) * 1000) / 1000;
  }

  /** Where a row's list of one kind (ISBN, ISSN, control numbers, authors) starts. */
  #listAt(x: number, kind: number): number {
    const c1 = this.#c[x + COUNTS_1]!;
    let at = this.#c[x + LIST]!;
    if (kind > 0) at += c1 & 0xffff;
    if (kind > 1) at += c1 >>> 16;
    if (kind > 2) at += this.#c[x + COUNTS_2]! & 0xffff;
    return at;
  }

  #count(x: number, kind: number): number {
    return kind === ISBN ? this.#c[x + COUNTS_1]! & 0xffff : kind === ISSN ? this.#c[x + COUNTS_1]! >>> 16 : this.#c[x + COUNTS_2]! & 0xffff;
  }

  /** Where a row's identifier strings of one kind start in the texts (title, full title and the 001 come first). */
  #textAt(row: number, kind: number): number {
    const x = row * STRIDE;
    return this.#c[x + TEXT]! + (this.#c[x + FLAGS]! & FLAG.HAS_ID ? 3 : 2) + (this.#listAt(x, kind) - this.#c[x + LIST]!);
  }

  #hasAuthor(start: number, count: number, author: number): boolean {
    for (let i = 0; i < count; i++) if (this.#lists[start + i] === author) return true;
    return false;
  }

  /** The position among a's identifiers of one kind of the first one b has too, or −1 (hashes first, then the strings). */
  #firstShared(a: number, b: number, kind: number): number {
    const x = a * STRIDE;
    const y = b * STRIDE;
    const as = this.#listAt(x, kind);
    const bs = this.#listAt(y, kind);
    const an = this.#count(x, kind);
    const bn = this.#count(y, kind);
    const lists = this.#lists;
    for (let i = 0; i < an; i++) {
      const h = lists[as + i];
      for (let j = 0; j < bn; j++) {
        if (lists[bs + j] === h && this.#texts[this.#textAt(a, kind) + i] === this.#texts[this.#textAt(b, kind) + j]) return i;
      }
    }
    return -1;
  }

  /** Whether two pooled strings (distinct ids are distinct strings) are at least this similar by edit distance. */
  #similar(strings: readonly string[], p: number, q: number, threshold: number, remember: boolean): boolean {
    if (p === q) return 1 >= threshold;
    const s = strings[p]!;
    const t = strings[q]!;
    // The difference in length is a floor of the edit distance: a pair too far apart in length needs no distance.
    if (1 - Math.abs(s.length - t.length) / Math.max(s.length, t.length) < threshold) return false;
    if (!remember || p >= REMEMBERED || q >= REMEMBERED) return similarAtLeast(s, t, threshold);
    let known = this.#known.get(threshold);
    if (!known) this.#known.set(threshold, (known = new Map()));
    const key = p * REMEMBERED + q;
    let answer = known.get(key);
    if (answer === undefined) {
      answer = similarAtLeast(s, t, threshold);
      // Bounded: start over rather than grow without end.
      if (known.size >= 1_000_000) known.clear();
      known.set(key, answer);
    }
    return answer;
  }
}

/**
 * `similarity(s, t, editDistance) >= threshold` for two different strings,
 * without the edit distance when at most one edit is allowed (short names):
 * the most edits that still reach the threshold are found with the same
 * arithmetic as `similarity`, and one edit is checked in a single pass.
 */
export function similarAtLeast(s: string, t: string, threshold: number): boolean {
  const longest = Math.max(s.length, t.length);
  let most = 0;
  while (most < longest && 1 - (most + 1) / longest >= threshold) most++;
  if (most === 0) return false;
  if (most === 1) return withinOneEdit(s, t);
  return similarity(s, t, editDistance) >= threshold;
}

/** Whether two different strings are one substitution, insertion or deletion apart (Levenshtein distance 1). */
function withinOneEdit(s: string, t: string): boolean {
  const [short, long] = s.length <= t.length ? [s, t] : [t, s];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  // Past the first difference the rest must agree: shifted by one for an insertion, in step for a substitution.
  const skip = long.length > short.length ? 1 : 0;
  for (let j = i + (skip ? 0 : 1); j < short.length; j++) if (short.charCodeAt(j) !== long.charCodeAt(j + skip)) return false;
  return true;
}
