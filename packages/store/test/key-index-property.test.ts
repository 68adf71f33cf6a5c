import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexBatch, type IndexKey, type IndexWord, KeyIndex, type KeyIndexOptions } from '../src/index.js';
import { keyHash } from '../src/key-hash.js';
import { deletionKeys, distance, referenceNearWords } from './near-word-helpers.js';

/*
 * Review: the key index against a plain reference (group keys by their text,
 * count words one by one), in memory and past the memory bounds (SQLite),
 * record by record and in batches, with real 32-bit hash collisions mixed in.
 */

/** Pairs of different keys with one hash, found by a birthday search. */
function collidingPairs(): [string, string][] {
  const seen = new Map<number, string>();
  const pairs: [string, string][] = [];
  for (let i = 0; i < 1_000_000 && pairs.length < 6; i++) {
    const key = `КХ-${i}`;
    const h = keyHash(key);
    const other = seen.get(h);
    if (other !== undefined) pairs.push([other, key]);
    else seen.set(h, key);
  }
  return pairs;
}
const PAIRS = collidingPairs();


interface Rec {
  place: unknown;
  keys: IndexKey[];
  words: IndexWord[];
}

/** What the index should answer, worked out the plain way. */
function reference(records: Rec[], rareMax: number, frequentMin: number) {
  const given = records.filter((r) => r.keys.length || r.words.length);
  const dup = (rule: string) => {
    const groups = new Map<string, { key: string; entries: unknown[] }>();
    given.forEach((r) =>
      r.keys.forEach((k) => {
        if (k.rule !== rule) return;
        let g = groups.get(k.key);
        if (!g) groups.set(k.key, (g = { key: k.key, entries: [] }));
        g.entries.push({ place: r.place, field: k.field, subfield: k.subfield, value: k.value });
      }),
    );
    return [...groups.values()].filter((g) => g.entries.length > 1);
  };
  return { a: dup('a'), b: dup('b'), near: referenceNearWords(given, rareMax, frequentMin) };
}

function answers(records: Rec[], options: KeyIndexOptions, batchSize: number | undefined, rareMax: number, frequentMin: number) {
  const index = new KeyIndex(options);
  try {
    if (batchSize === undefined) for (const r of records) index.addRecord(r.place, r.keys, r.words);
    else {
      const batch = new IndexBatch();
      records.forEach((r, i) => {
        batch.record(i * 3 + 1, r.place, r.keys, r.words);
        if (batch.size >= batchSize) index.add(batch.take());
      });
      index.add(batch.take());
    }
    const strip = (g: { key: string; entries: { place: unknown; field: number; subfield: string | undefined; value: string }[] }) => ({
      key: g.key,
      entries: g.entries.map((e) => ({ place: e.place, field: e.field, subfield: e.subfield, value: e.value })),
    });
    return {
      a: [...index.duplicates('a')].map(strip),
      b: [...index.duplicates('b')].map(strip),
      near: [...index.nearWords(rareMax, frequentMin, deletionKeys, distance)],
    };
  } finally {
    index.close();
  }
}

const WORDS = ['кітап', 'кітaп', 'кітпа', 'кіта', 'кітапхана', 'абай', 'абаи', 'абйа', 'жол', 'жолы', 'жо'];

const record = (keyPool: string[]) =>
  fc.record({
    keys: fc.array(fc.record({ rule: fc.constantFrom('a', 'b'), key: fc.constantFrom(...keyPool), field: fc.nat(9), sub: fc.option(fc.constantFrom('a', 'x'), { nil: undefined }) }), { maxLength: 5 }),
    words: fc.array(fc.record({ scope: fc.constantFrom('t', 's'), word: fc.constantFrom(...WORDS), field: fc.nat(9) }), { maxLength: 6 }),
  });

describe('KeyIndex against a plain reference', () => {
  it('found real colliding pairs to mix in', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(3);
    for (const [x, y] of PAIRS) expect([x !== y, keyHash(x) === keyHash(y)]).toEqual([true, true]);
  });

  it('gives exactly the reference groups, order and word counts, in memory, spilled, one at a time or batched', () => {
    const keyPool = [...PAIRS.flat(), 'K1', 'K2', 'k1'];
    fc.assert(
      fc.property(
        fc.array(record(keyPool), { maxLength: 80 }),
        fc.constantFrom<KeyIndexOptions>({}, { memoryKeys: 1 }, { memoryKeys: 3, memoryWords: 1 }, { memoryKeys: 17, memoryWords: 2 }),
        fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 6 }),
        (raw, options, batchSize, rareMax, frequentMin) => {
          const records: Rec[] = raw.map((r, i) => ({
            place: { i },
            keys: r.keys.map((k) => ({ rule: k.rule, key: k.key, value: ` ${k.key}`, field: k.field, subfield: k.sub })),
            words: r.words.map((w) => ({ scope: w.scope, word: w.word, field: w.field, subfield: 'a' })),
          }));
          const want = reference(records, rareMax, frequentMin);
          const got = answers(records, options, batchSize, rareMax, frequentMin);
          expect(got.a).toEqual(want.a);
          expect(got.b).toEqual(want.b);
          expect(got.near).toEqual(want.near);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('KeyIndex across chunk boundaries', () => {
  it('gives the same groups when the limit is not a multiple of the 65,536-key chunk (spill mid-chunk, then chunk by chunk)', () => {
    const records: Rec[] = Array.from({ length: 50_000 }, (_, r) => ({
      place: { r },
      keys: [0, 1, 2].map((c) => ({ rule: c === 0 ? 'b' : 'a', key: `N${(r * 7 + c * 13) % 40_009}`, value: `v${r}`, field: c })),
      words: [],
    }));
    const want = reference(records, 1, 5);
    for (const options of [{}, { memoryKeys: 70_000 }, { memoryKeys: 100_000 }, { memoryKeys: 131_072 }]) {
      const got = answers(records, options, options === undefined ? undefined : 500, 1, 5);
      expect(got.a.length, JSON.stringify(options)).toBe(want.a.length);
      expect(got.a).toEqual(want.a);
      expect(got.b).toEqual(want.b);
    }
  }, 120_000);
});
