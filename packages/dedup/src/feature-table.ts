import { KitapError } from '@kitap/core';
import type { KeyedFeatures } from './blocking-keys.js';
import type { RecordSource } from './features.js';
import type { ComparedFeatures } from './score.js';

/** A cell that holds no value. */
export const NONE = -1;

// One row of 16 cells (64 bytes, one cache line) a record. Strings are numbers: ids of a pool of
// distinct strings (volumes, publishers, authors … repeat), or hashes checked against the strings.
const TYPE = 0;
const LEVEL = 1;
const FLAGS = 2;
const YEAR = 3;
const PAGES = 4;
const VOLUME = 5;
const SERIES = 6;
const EDITION_NUMBER = 7;
const EDITION = 8;
const LANGUAGE = 9;
const PUBLISHER = 10;
/** Where the record's identifier hashes and author ids start in `#lists`. */
const LIST = 11;
/** ISBNs (low 16 bits) and ISSNs (high 16 bits). */
const COUNTS_1 = 12;
/** Control numbers (low 16 bits) and authors (high 16 bits). */
const COUNTS_2 = 13;
/** Where the record's strings start in `#texts`: title, full title, the 001 when there is one, ISBNs, ISSNs, control numbers. */
const TEXT = 14;
const INDEX = 15;
const STRIDE = 16;

const COMPONENT_PART = 1;
const FULL_TITLE = 2;
const AGAINST = 4;
const UNIMARC = 8;
const HAS_ID = 16;
/** The page count does not fit a cell: it is in `#bigPages`. */
const BIG_PAGES = 32;

/** Distinct strings and their ids; '' is always 0. */
class Pool {
  readonly #ids = new Map<string, number>([['', 0]]);
  readonly strings: string[] = [''];

  id(text: string | undefined): number {
    if (text === undefined) return NONE;
    let id = this.#ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.#ids.set(text, id);
    }
    return id;
  }
}

/** A 32-bit FNV-1a hash of a string's UTF-16 code units. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * The compared features of every record of a run, in typed arrays: a row of
 * numbers a record (its strings as pool ids or hashes), the strings that
 * cannot be pooled (titles, identifiers) in one array. Scoring reads two
 * records at a time in no useful order; a row is one cache line, where the
 * objects were a dozen scattered ones, and the memory is about half. `get`
 * gives back the features as `recordFeatures` made them.
 */
export class FeatureTable {
  #cells = new Int32Array(STRIDE * 1024);
  #lists = new Int32Array(4096);
  #listLength = 0;
  readonly #texts: string[] = [];
  readonly #pool = new Pool();
  /** Authors apart from the other pooled strings: there are many more of them, and the others keep small ids. */
  readonly #authors = new Pool();
  readonly #bigPages = new Map<number, number>();
  readonly #copies: number[] = [];
  #rows = 0;

  get rows(): number {
    return this.#rows;
  }

  /** Adds a record's features; returns its row. */
  add(f: ComparedFeatures): number {
    const row = this.#rows++;
    if (row * STRIDE === this.#cells.length) this.#cells = grow(this.#cells);
    const cells = this.#cells;
    const at = row * STRIDE;
    const pool = this.#pool;
    cells[at + TYPE] = pool.id(f.type);
    cells[at + LEVEL] = pool.id(f.level);
    let flags = (f.componentPart ? COMPONENT_PART : 0) | (f.fullTitle ? FULL_TITLE : 0) | (f.source === 'against' ? AGAINST : 0) | (f.flavour === 'unimarc' ? UNIMARC : 0) | (f.id !== undefined ? HAS_ID : 0);
    if (f.year !== undefined && (f.year === NONE || !Number.isInteger(f.year) || Math.abs(f.year) > 0x7fffffff)) throw new RangeError(`a year the feature table cannot hold: ${f.year}`);
    cells[at + YEAR] = f.year ?? NONE;
    if (f.pages !== undefined && (f.pages < 0 || f.pages > 0x7ffffffe || !Number.isInteger(f.pages))) {
      flags |= BIG_PAGES;
      this.#bigPages.set(row, f.pages);
      cells[at + PAGES] = NONE;
    } else cells[at + PAGES] = f.pages ?? NONE;
    cells[at + FLAGS] = flags;
    cells[at + VOLUME] = pool.id(f.volume);
    cells[at + SERIES] = pool.id(f.seriesNumber);
    cells[at + EDITION_NUMBER] = pool.id(f.editionNumber);
    cells[at + EDITION] = pool.id(f.edition);
    cells[at + LANGUAGE] = pool.id(f.language);
    cells[at + PUBLISHER] = pool.id(f.publisher);

    const counts = [f.isbns.length, f.issns.length, f.controlNumbers.length, f.authors.length];
    if (counts.some((c) => c > 0xffff)) {
      const where = `record ${f.index + 1}${f.source === 'against' ? ' of the --against catalog' : ''}${f.id !== undefined ? ` (001 ${f.id})` : ''}`;
      throw new KitapError('E_DEDUP_LIMIT', `${where} has more than 65,535 ISBNs, ISSNs, control numbers or authors; kitap dedup cannot compare it`, f.id !== undefined ? { index: f.index, recordId: f.id } : { index: f.index });
    }
    cells[at + COUNTS_1] = counts[0]! | (counts[1]! << 16);
    cells[at + COUNTS_2] = counts[2]! | (counts[3]! << 16);
    cells[at + LIST] = this.#listLength;
    for (const s of f.isbns) this.#push(hash32(s));
    for (const s of f.issns) this.#push(hash32(s));
    for (const s of f.controlNumbers) this.#push(hash32(s));
    for (const s of f.authors) this.#push(this.#authors.id(s));

    cells[at + TEXT] = this.#texts.length;
    this.#texts.push(f.title, f.fullTitle);
    if (f.id !== undefined) this.#texts.push(f.id);
    this.#texts.push(...f.isbns, ...f.issns, ...f.controlNumbers);
    if (!Number.isInteger(f.index) || f.index < 0 || f.index > 0x7fffffff) throw new RangeError(`a record position the feature table cannot hold: ${f.index}`);
    cells[at + INDEX] = f.index;
    this.#copies.push(f.copies);
    return row;
  }

  #push(value: number): void {
    if (this.#listLength === this.#lists.length) this.#lists = grow(this.#lists);
    this.#lists[this.#listLength++] = value;
  }

  /** The features of a row, as `recordFeatures` made them (without the display). */
  get(row: number): ComparedFeatures {
    const c = this.#cells;
    const at = row * STRIDE;
    const strings = this.#pool.strings;
    const flags = c[at + FLAGS]!;
    const text = this.#texts;
    let t = c[at + TEXT]!;
    const title = text[t++]!;
    const fullTitle = text[t++]!;
    const id = flags & HAS_ID ? text[t++] : undefined;
    const [isbnCount, issnCount, controlCount, authorCount] = this.#counts(at);
    const isbns = text.slice(t, (t += isbnCount));
    const issns = text.slice(t, (t += issnCount));
    const controlNumbers = text.slice(t, (t += controlCount));
    const authorsAt = c[at + LIST]! + isbnCount + issnCount + controlCount;
    const authors: string[] = [];
    for (let i = 0; i < authorCount; i++) authors.push(this.#authors.strings[this.#lists[authorsAt + i]!]!);
    const string = (slot: number): string | undefined => (c[at + slot] === NONE ? undefined : strings[c[at + slot]!]);
    // The properties in the order `recordFeatures` sets them.
    const f: ComparedFeatures = {
      index: c[at + INDEX]!,
      source: (flags & AGAINST ? 'against' : 'input') as RecordSource,
      flavour: flags & UNIMARC ? 'unimarc' : 'marc21',
      type: string(TYPE)!,
      level: string(LEVEL)!,
      isbns,
      issns,
      controlNumbers,
      title,
      fullTitle,
      authors,
      componentPart: (flags & COMPONENT_PART) !== 0,
      copies: this.#copies[row]!,
    };
    if (id !== undefined) f.id = id;
    if (c[at + YEAR] !== NONE) f.year = c[at + YEAR]!;
    const publisher = string(PUBLISHER);
    if (publisher !== undefined) f.publisher = publisher;
    if (flags & BIG_PAGES) f.pages = this.#bigPages.get(row)!;
    else if (c[at + PAGES] !== NONE) f.pages = c[at + PAGES]!;
    const edition = string(EDITION);
    if (edition !== undefined) f.edition = edition;
    const editionNumber = string(EDITION_NUMBER);
    if (editionNumber !== undefined) f.editionNumber = editionNumber;
    const volume = string(VOLUME);
    if (volume !== undefined) f.volume = volume;
    const seriesNumber = string(SERIES);
    if (seriesNumber !== undefined) f.seriesNumber = seriesNumber;
    const language = string(LANGUAGE);
    if (language !== undefined) f.language = language;
    return f;
  }

  /** What a row's blocking keys are made of (see `blockingKeys`). */
  keyed(row: number): KeyedFeatures {
    const c = this.#cells;
    const at = row * STRIDE;
    const text = this.#texts;
    let t = c[at + TEXT]!;
    const title = text[t]!;
    t += c[at + FLAGS]! & HAS_ID ? 3 : 2;
    const [isbnCount, issnCount, controlCount, authorCount] = this.#counts(at);
    const authorsAt = c[at + LIST]! + isbnCount + issnCount + controlCount;
    const authors: string[] = [];
    for (let i = 0; i < authorCount; i++) authors.push(this.#authors.strings[this.#lists[authorsAt + i]!]!);
    const f: KeyedFeatures = { isbns: text.slice(t, (t += isbnCount)), issns: text.slice(t, (t += issnCount)), controlNumbers: text.slice(t, (t += controlCount)), title, authors };
    if (c[at + YEAR] !== NONE) f.year = c[at + YEAR]!;
    return f;
  }

  #counts(at: number): [number, number, number, number] {
    const c1 = this.#cells[at + COUNTS_1]!;
    const c2 = this.#cells[at + COUNTS_2]!;
    return [c1 & 0xffff, c1 >>> 16, c2 & 0xffff, c2 >>> 16];
  }

  /** The row's position in its file. */
  index(row: number): number {
    return this.#cells[row * STRIDE + INDEX]!;
  }

  /** The row's 001, when it has one. */
  id(row: number): string | undefined {
    const at = row * STRIDE;
    return this.#cells[at + FLAGS]! & HAS_ID ? this.#texts[this.#cells[at + TEXT]! + 2] : undefined;
  }

  /** Whether the row is a record of the `--against` catalog. */
  against(row: number): boolean {
    return (this.#cells[row * STRIDE + FLAGS]! & AGAINST) !== 0;
  }

  /** The rows in a new order: `order[i]` is the row that becomes row i. */
  reorder(order: readonly number[]): FeatureTable {
    const out = new FeatureTable();
    for (const row of order) out.add(this.get(row));
    return out;
  }

  /** Raw access for `TableScorer` (see table-score.ts): the cells, the lists, the pooled strings and the other strings. */
  get view(): TableView {
    return { cells: this.#cells, lists: this.#lists, strings: this.#pool.strings, authors: this.#authors.strings, texts: this.#texts, bigPages: this.#bigPages };
  }
}

/** What `table-score.ts` reads of a `FeatureTable`. */
export interface TableView {
  cells: Int32Array;
  lists: Int32Array;
  strings: readonly string[];
  authors: readonly string[];
  texts: readonly string[];
  bigPages: ReadonlyMap<number, number>;
}

export const CELL = { TYPE, LEVEL, FLAGS, YEAR, PAGES, VOLUME, SERIES, EDITION_NUMBER, EDITION, LANGUAGE, PUBLISHER, LIST, COUNTS_1, COUNTS_2, TEXT, INDEX, STRIDE } as const;
export const FLAG = { COMPONENT_PART, FULL_TITLE, AGAINST, UNIMARC, HAS_ID, BIG_PAGES } as const;

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}
