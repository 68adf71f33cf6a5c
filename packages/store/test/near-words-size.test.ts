import { describe, expect, it } from 'vitest';
import { type IndexWord, KeyIndex } from '../src/index.js';
import { deletionKeys, distance, referenceNearWords } from './near-word-helpers.js';

/*
 * Regression: nearWords used to write the deletion keys of the words (in a
 * transaction, every 8,192 keys) while the statement reading the words was
 * still iterating, which better-sqlite3 refuses ("This database connection is
 * busy executing a query"). A vocabulary whose deletion keys pass that batch
 * (and the words read a page at a time, 4,096 a page) must give the same
 * suggestions as a plain reference.
 */

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүһі';

interface Rec {
  place: { r: number };
  words: IndexWord[];
}

/**
 * Records with `rare` distinct words seen once each (in two scopes) and a few
 * words seen often, with misprints of those (one edit away) among the rare.
 */
function catalog(rare: number): Rec[] {
  const next = random(42);
  const word = (min: number, max: number): string => {
    const length = min + Math.floor(next() * (max - min + 1));
    let w = '';
    for (let i = 0; i < length; i++) w += LETTERS[Math.floor(next() * LETTERS.length)];
    return w;
  };
  const occurrences: { scope: string; word: string }[] = [];
  const frequent = { t: ['кітапхана', 'қазақстан', 'әдебиет', 'тарихы', 'мектеп'], s: ['алматы', 'астана', 'баспасы', 'кітапхана'] };
  for (const [scope, words] of Object.entries(frequent)) words.forEach((w, i) => {
    for (let n = 0; n < 5 + i; n++) occurrences.push({ scope, word: w });
  });
  // Two frequent words the same number of times, both one edit from 'мектен': the first alphabetically wins.
  for (let n = 0; n < 9; n++) occurrences.push({ scope: 't', word: 'мектек' });
  const misprints = ['кітапхна', 'қазақстн', 'әдебит', 'тарыхы', 'мектен', 'алмты', 'астнаа', 'баспсы', 'кiтапхана'];
  misprints.forEach((w, i) => occurrences.push({ scope: i < 5 ? 't' : 's', word: w }));
  for (let i = 0; i < rare; i++) occurrences.push({ scope: i % 3 === 0 ? 's' : 't', word: word(6, 9) });
  // Shuffled, so that every kind of word comes anywhere in the input.
  for (let i = occurrences.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [occurrences[i], occurrences[j]] = [occurrences[j]!, occurrences[i]!];
  }
  const records: Rec[] = [];
  for (let i = 0; i < occurrences.length; i += 25) {
    const r = records.length;
    records.push({ place: { r }, words: occurrences.slice(i, i + 25).map((o, k) => ({ scope: o.scope, word: o.word, field: k, subfield: 'a' })) });
  }
  return records;
}

function nearWords(records: Rec[], memoryWords?: number): unknown[] {
  const index = new KeyIndex(memoryWords === undefined ? {} : { memoryWords });
  try {
    for (const r of records) index.addRecord(r.place, [], r.words);
    return [...index.nearWords(1, 5, deletionKeys, distance)];
  } finally {
    index.close();
  }
}

describe('KeyIndex.nearWords with a large vocabulary', () => {
  it('needs more deletion keys than one batch holds, and more words than one page', () => {
    const words = new Set(catalog(10_000).flatMap((r) => r.words.map((w) => `${w.scope}\u0000${w.word}`)));
    const keys = [...words].reduce((sum, w) => sum + deletionKeys(w.split('\u0000')[1]!).length, 0);
    expect(words.size).toBeGreaterThan(2 * 4096);
    expect(keys).toBeGreaterThan(8 * 8192);
  });

  it('finds the misprints among 10,000 rare words, as the plain reference does', () => {
    const records = catalog(10_000);
    const want = referenceNearWords(records, 1, 5);
    const found = nearWords(records);
    expect(found).toEqual(want);
    // The misprints planted are among them, with the expected suggestions (ties: alphabetical).
    const pairs = (found as { scope: string; rare: string; frequent: string }[]).map((n) => `${n.scope} ${n.rare} → ${n.frequent}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        's алмты → алматы',
        's баспсы → баспасы',
        's кiтапхана → кітапхана',
        't кітапхна → кітапхана',
        't қазақстн → қазақстан',
        't әдебит → әдебиет',
        't мектен → мектек',
      ]),
    );
  });

  it('gives the same answers with the word counts in SQLite from the start', () => {
    const records = catalog(3_000);
    expect(nearWords(records, 1)).toEqual(nearWords(records));
  });

  it('reads every word when their number is about a multiple of the page', () => {
    for (const size of [4095, 4096, 4097, 8192]) {
      const index = new KeyIndex();
      try {
        // `size` words in all: 'кітап' five times, then misprints of it and fillers, each once; 'я…' words sort last.
        const words: IndexWord[] = [];
        for (let n = 0; n < 5; n++) words.push({ scope: 't', word: 'кітап', field: 0 });
        words.push({ scope: 't', word: 'кітаб', field: 1 }, { scope: 't', word: 'кітапп', field: 2 }, { scope: 't', word: 'яітап', field: 3 });
        for (let i = 0; i < size - 4; i++) words.push({ scope: 't', word: `f${i}`, field: 4 });
        index.addRecord({ r: 0 }, [], words);
        expect([...index.nearWords(1, 5, deletionKeys, distance)].map((n) => n.rare)).toEqual(['кітаб', 'кітапп', 'яітап']);
      } finally {
        index.close();
      }
    }
  });

  it('finds nothing (and does not fail) with a large vocabulary and no frequent word', () => {
    const index = new KeyIndex();
    try {
      for (let r = 0; r < 500; r++) index.addRecord({ r }, [], Array.from({ length: 20 }, (_, k) => ({ scope: 't', word: `w${r}x${k}`, field: k })));
      expect([...index.nearWords(1, 5, deletionKeys, distance)]).toEqual([]);
    } finally {
      index.close();
    }
  });
});
