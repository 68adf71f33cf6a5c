import { describe, expect, it } from 'vitest';
import { IndexBatch, type IndexKey, type IndexWord, KeyIndex, type KeyIndexOptions } from '../src/index.js';
import { keyGroups } from '../src/key-groups.js';
import { keyHash } from '../src/key-hash.js';
import { deletionKeys, distance } from './near-word-helpers.js';


/** A catalog of `n` records: copies numbered so that some numbers repeat, control numbers with a few repeats, title words. */
function catalog(n: number): { place: unknown; keys: IndexKey[]; words: IndexWord[] }[] {
  return Array.from({ length: n }, (_, r) => ({
    place: { index: r, recordId: `id${r % 97 === 5 ? 5 : r}` },
    keys: [
      { rule: 'control', key: `id${r % 97 === 5 ? 5 : r}`, value: `id${r % 97 === 5 ? 5 : r}`, field: 0 },
      ...[0, 1, 2].map((c) => ({ rule: 'inventory', key: String((r * 3 + c) % 1000), value: ` ${(r * 3 + c) % 1000}`, field: 3 + c, subfield: 'a' })),
    ],
    words: [
      { scope: 'title', word: r % 50 === 7 ? 'кітапхана' : 'кітап', field: 1, subfield: 'a' },
      { scope: 'title', word: r === 123 ? 'қазақстн' : 'қазақстан', field: 1, subfield: 'a' },
    ],
  }));
}

function everything(options: KeyIndexOptions, records: ReturnType<typeof catalog>, batched: boolean): unknown {
  const index = new KeyIndex(options);
  try {
    if (batched) {
      const batch = new IndexBatch();
      records.forEach((r, i) => {
        batch.record(i * 2, r.place, r.keys, r.words);
        if (batch.size === 37) index.add(batch.take());
      });
      index.add(batch.take());
    } else for (const r of records) index.addRecord(r.place, r.keys, r.words);
    return {
      control: [...index.duplicates('control')],
      inventory: [...index.duplicates('inventory')],
      absent: [...index.duplicates('no-such-rule')],
      near: [...index.nearWords(1, 5, deletionKeys, distance)],
    };
  } finally {
    index.close();
  }
}

describe('KeyIndex', () => {
  const records = catalog(1500);

  it('finds keys seen twice, in the order of their first place, with every place', () => {
    const found = everything({}, records, false) as { control: { key: string; entries: { place: { index: number } }[] }[]; inventory: { key: string; entries: { value: string; field: number; subfield?: string }[] }[] };
    expect(found.control.map((g) => [g.key, g.entries.map((e) => e.place.index)])).toEqual([['id5', [5, 102, 199, 296, 393, 490, 587, 684, 781, 878, 975, 1072, 1169, 1266, 1363, 1460]]]);
    // 4,500 copies over 1,000 numbers: every number is repeated; the first group is the first copy's.
    expect(found.inventory).toHaveLength(1000);
    expect(found.inventory[0]!.key).toBe('0');
    expect(found.inventory[0]!.entries.map((e) => [(e as { place: { index: number } }).place.index, e.field, e.value])).toEqual([
      [0, 3, ' 0'],
      [333, 4, ' 0'],
      [666, 5, ' 0'],
      [1000, 3, ' 0'],
      [1333, 4, ' 0'],
    ]);
    expect(found.inventory.map((g) => g.key).slice(0, 4)).toEqual(['0', '1', '2', '3']);
  });

  it('finds rare words one edit from frequent ones, at their first place', () => {
    const found = everything({}, records, false) as { near: unknown[] };
    expect(found.near).toEqual([{ scope: 'title', rare: 'қазақстн', rareCount: 1, rarePlace: { place: { index: 123, recordId: 'id123' }, field: 1, subfield: 'a' }, frequent: 'қазақстан', frequentCount: 1499 }]);
  });

  it('gives the same answers with keys and words past the memory bounds (then in SQLite), one record at a time or in batches', () => {
    const inMemory = everything({}, records, false);
    expect(everything({ memoryKeys: 500, memoryWords: 3 }, records, false)).toEqual(inMemory);
    expect(everything({ memoryKeys: 64, memoryWords: 1 }, records, true)).toEqual(inMemory);
    expect(everything({}, records, true)).toEqual(inMemory);
  });

  it('tells apart keys whose hashes are the same, in memory and in SQLite', () => {
    // Two pairs of inventory numbers with one hash each (found by search), and a number seen once.
    expect(keyHash('КХ-329599')).toBe(keyHash('КХ-532382'));
    expect(keyHash('КХ-329598')).toBe(keyHash('КХ-532383'));
    const keys = ['КХ-532382', 'КХ-329599', 'КХ-329598', 'КХ-532382', 'КХ-329599', 'КХ-532383', 'КХ-1'];
    for (const memoryKeys of [undefined, 2]) {
      const index = new KeyIndex(memoryKeys === undefined ? {} : { memoryKeys });
      try {
        keys.forEach((key, r) => index.addRecord({ r }, [{ rule: 'inv', key, value: key, field: 1 }], []));
        expect([...index.duplicates('inv')].map((g) => [g.key, g.entries.map((e) => (e.place as { r: number }).r)])).toEqual([
          ['КХ-532382', [0, 3]],
          ['КХ-329599', [1, 4]],
        ]);
      } finally {
        index.close();
      }
    }
  });

  it('takes records only in order', () => {
    const index = new KeyIndex();
    try {
      const batch = new IndexBatch();
      batch.record(10, {}, [{ rule: 'r', key: 'k', value: 'k', field: 0 }], []);
      index.add(batch.take());
      batch.record(9, {}, [{ rule: 'r', key: 'k', value: 'k', field: 0 }], []);
      expect(() => index.add(batch.take())).toThrow(/in order/);
    } finally {
      index.close();
    }
  });
});

describe('keyGroups', () => {
  it('splits a hash shared by different keys and keeps the groups in the order of their first item', () => {
    const keys: Record<number, string> = { 1: 'a', 2: 'b', 4: 'a', 5: 'c', 7: 'b', 8: 'c', 9: 'd', 11: 'c', 12: 'e', 13: 'e' };
    // Hash groups by first item: {1 a, 2 b, 4 a, 7 b} collide; {5 c, 8 c, 11 c}; {9 d, 12 e, 13 e} collide, d alone.
    const groups = [...keyGroups([[1, 2, 4, 7], [5, 8, 11], [9, 12, 13]], (i) => keys[i]!, (i) => i)];
    expect(groups).toEqual([
      { key: 'a', entries: [1, 4] },
      { key: 'b', entries: [2, 7] },
      { key: 'c', entries: [5, 8, 11] },
      { key: 'e', entries: [12, 13] },
    ]);
  });

  it('lets a split group wait for a later hash group that starts before it', () => {
    const keys: Record<number, string> = { 1: 'a', 6: 'b', 8: 'b', 9: 'a', 3: 'c', 4: 'c' };
    expect([...keyGroups([[1, 6, 8, 9], [3, 4]], (i) => keys[i]!, (i) => i)]).toEqual([
      { key: 'a', entries: [1, 9] },
      { key: 'c', entries: [3, 4] },
      { key: 'b', entries: [6, 8] },
    ]);
  });
});
