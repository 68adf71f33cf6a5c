import { keyHash } from './key-hash.js';
import { keyRef } from './key-refs.js';

/** A key of a record: the rule it belongs to, the key compared, the value as written, and where it is. */
export interface IndexKey {
  rule: string;
  key: string;
  value: string;
  field: number;
  subfield?: string | undefined;
}

/** A word of a record counted in a scope (for example `245$a`), and where it is. */
export interface IndexWord {
  scope: string;
  word: string;
  field: number;
  subfield?: string | undefined;
}

/**
 * A record's row, as JSON: the place given for it, then four items for each
 * key — key, value (null when it is the key itself, as most inventory
 * numbers are), field, subfield (or null). A flat array is several times
 * quicker to make and read as JSON than objects.
 */
export type RecordRow = [unknown, ...(string | number | null)[]];

/** The key in `slot` of a row: key, value, field, subfield. */
export function keyOfRow(row: RecordRow, slot: number): { key: string; value: string; field: number; subfield: string | undefined } {
  const at = 1 + slot * 4;
  const key = row[at] as string;
  return { key, value: (row[at + 1] as string | null) ?? key, field: row[at + 2] as number, subfield: (row[at + 3] as string | null) ?? undefined };
}

/**
 * Records made ready for a key index: plain data (it crosses threads), columns
 * rather than objects. Record numbers grow. The numbers are typed arrays,
 * whose buffers are handed over (`transferList`) rather than copied number by
 * number as a structured clone copies an array.
 */
export interface PreparedBatch {
  recs: Float64Array;
  /** Each record's row as JSON. */
  rows: string[];
  /** The rules and the word scopes of the batch, each once: keys and words name them by position. */
  rules: string[];
  scopes: string[];
  /**
   * One entry per key: its rule (a position in `rules`), the key's hash, and where it is (see
   * key-refs.ts). Numbers rather than the rule's name: a batch crosses threads, and a name
   * repeated for every key made that copy a measurable part of kitap lint.
   */
  keyRules: Uint16Array;
  keyHashes: Uint32Array;
  keyRefs: Float64Array;
  /** Each distinct word of the batch once: its scope (a position in `scopes`), how often it occurs, and where first. */
  wordScopes: Uint16Array;
  words: string[];
  wordCounts: Uint32Array;
  wordRecs: Float64Array;
  wordFields: Uint32Array;
  wordSubfields: (string | null)[];
}

/** The buffers of a batch's typed columns, to hand over with it (postMessage's transfer list). */
export function transferList(batch: PreparedBatch): ArrayBuffer[] {
  return [batch.recs, batch.keyRules, batch.keyHashes, batch.keyRefs, batch.wordScopes, batch.wordCounts, batch.wordRecs, batch.wordFields].map((column) => column.buffer as ArrayBuffer);
}

/** A batch as it is gathered: arrays that grow, made typed by `take`. */
interface Gathering {
  recs: number[];
  rows: string[];
  rules: string[];
  scopes: string[];
  keyRules: number[];
  keyHashes: number[];
  keyRefs: number[];
  wordScopes: number[];
  words: string[];
  wordCounts: number[];
  wordRecs: number[];
  wordFields: number[];
  wordSubfields: (string | null)[];
}

/**
 * Prepares records for a key index wherever they are read (a worker thread
 * can do it): each record's row as JSON, its keys' hashes, and the batch's
 * word counts summed. `KeyIndex.add` then only stores them.
 */
export class IndexBatch {
  #batch = IndexBatch.#empty();
  /** Index into the batch's word columns, by scope and word. */
  #wordSlots = new Map<string, { scope: number; words: Map<string, number> }>();
  /** Positions in the batch's `rules`, by name; the last one looked up is kept (a record's keys come rule by rule). */
  #rules = new Map<string, number>();
  #lastRule: string | undefined;
  #lastRuleAt = -1;

  /** Records in the batch. */
  get size(): number {
    return this.#batch.recs.length;
  }

  /** Adds record `rec` (larger than any before): `place` is what its places share (JSON-serialisable). */
  record(rec: number, place: unknown, keys: readonly IndexKey[], words: readonly IndexWord[]): void {
    if (keys.length === 0 && words.length === 0) return;
    const b = this.#batch;
    const row: RecordRow = [place];
    for (let slot = 0; slot < keys.length; slot++) {
      const k = keys[slot]!;
      row.push(k.key, k.value === k.key ? null : k.value, k.field, k.subfield ?? null);
      b.keyRules.push(this.#ruleAt(k.rule));
      b.keyHashes.push(keyHash(k.key));
      b.keyRefs.push(keyRef(rec, slot));
    }
    b.recs.push(rec);
    b.rows.push(JSON.stringify(row));
    for (const w of words) {
      let slots = this.#wordSlots.get(w.scope);
      if (slots === undefined) {
        slots = { scope: b.scopes.push(w.scope) - 1, words: new Map() };
        this.#wordSlots.set(w.scope, slots);
      }
      const slot = slots.words.get(w.word);
      if (slot !== undefined) b.wordCounts[slot]!++;
      else {
        slots.words.set(w.word, b.words.length);
        b.wordScopes.push(slots.scope);
        b.words.push(w.word);
        b.wordCounts.push(1);
        b.wordRecs.push(rec);
        b.wordFields.push(w.field);
        b.wordSubfields.push(w.subfield ?? null);
      }
    }
  }

  /** The batch so far; the builder starts a new one. */
  take(): PreparedBatch {
    const b = this.#batch;
    this.#batch = IndexBatch.#empty();
    this.#wordSlots = new Map();
    this.#rules = new Map();
    this.#lastRule = undefined;
    return {
      recs: Float64Array.from(b.recs),
      rows: b.rows,
      rules: b.rules,
      scopes: b.scopes,
      keyRules: Uint16Array.from(b.keyRules),
      keyHashes: Uint32Array.from(b.keyHashes),
      keyRefs: Float64Array.from(b.keyRefs),
      wordScopes: Uint16Array.from(b.wordScopes),
      words: b.words,
      wordCounts: Uint32Array.from(b.wordCounts),
      wordRecs: Float64Array.from(b.wordRecs),
      wordFields: Uint32Array.from(b.wordFields),
      wordSubfields: b.wordSubfields,
    };
  }

  #ruleAt(rule: string): number {
    if (rule === this.#lastRule) return this.#lastRuleAt;
    let at = this.#rules.get(rule);
    if (at === undefined) {
      at = this.#batch.rules.push(rule) - 1;
      this.#rules.set(rule, at);
    }
    this.#lastRule = rule;
    this.#lastRuleAt = at;
    return at;
  }

  static #empty(): Gathering {
    return { recs: [], rows: [], rules: [], scopes: [], keyRules: [], keyHashes: [], keyRefs: [], wordScopes: [], words: [], wordCounts: [], wordRecs: [], wordFields: [], wordSubfields: [] };
  }
}
