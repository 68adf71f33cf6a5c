import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { CandidatePairs } from '../src/blocks.js';
import { type KeyedFeatures, blockingKeys, recordFeatures } from '../src/index.js';
import { KeyRows, keyHash } from '../src/key-rows.js';

async function keyed(): Promise<KeyedFeatures[]> {
  const bytes = readFileSync(fileURLToPath(new URL('../../../fixtures/dedup/catalog.mrc', import.meta.url)));
  const out: KeyedFeatures[] = [];
  for await (const item of readIso2709([bytes])) if (item.kind === 'record') out.push(recordFeatures(item.record, out.length));
  return out;
}

interface Expected {
  pairs: string[];
  blocks: number;
  oversized: number;
}

/** The candidate pairs by their definition, from the key strings: what the SQL self-join gave. */
function byDefinition(keys: string[][], against: (r: number) => boolean, cap: (key: string) => number): Expected {
  const members = new Map<string, number[]>();
  keys.forEach((ks, r) => ks.forEach((k) => members.set(k, [...(members.get(k) ?? []), r])));
  const pairs = new Set<string>();
  let blocks = 0;
  let oversized = 0;
  for (const [key, rs] of members) {
    if (rs.length < 2 || rs.every(against)) continue;
    blocks++;
    if (rs.length > cap(key)) {
      oversized++;
      continue;
    }
    for (const a of rs) for (const b of rs) if (a < b && !(against(a) && against(b))) pairs.add(`${a}~${b}`);
  }
  const sorted = [...pairs].sort((x, y) => {
    const [xa, xb] = x.split('~').map(Number) as [number, number];
    const [ya, yb] = y.split('~').map(Number) as [number, number];
    return xa - ya || xb - yb;
  });
  return { pairs: sorted, blocks, oversized };
}

function built(keys: string[][], against: (r: number) => boolean, cap: (key: string) => number, hash: (key: string) => number): { pairs: CandidatePairs; list: string[] } {
  const rows = new KeyRows(hash);
  keys.forEach((ks, r) => ks.forEach((k) => rows.add(r, k)));
  const pairs = new CandidatePairs(rows.sorted(), { records: keys.length, against, keys: (r) => keys[r]!, cap });
  const list: string[] = [];
  pairs.forEach((a, b) => list.push(`${a}~${b}`));
  return { pairs, list };
}

describe('CandidatePairs', () => {
  const against = (r: number): boolean => r % 5 === 0;
  const cap = (key: string): number => (key.startsWith('a:') ? 3 : 6);

  it('are the pairs of records sharing a key of a block within its cap, in order, never two --against records', async () => {
    const keys = (await keyed()).map((f) => blockingKeys(f));
    const want = byDefinition(keys, against, cap);
    expect(want.pairs.length).toBeGreaterThan(100);
    expect(want.oversized).toBeGreaterThan(0);
    const { pairs, list } = built(keys, against, cap, keyHash);
    expect(list).toEqual(want.pairs);
    expect([pairs.blocks, pairs.oversizedBlocks]).toEqual([want.blocks, want.oversized]);
  });

  it('tell apart keys that share a hash, and records whose own keys share one', async () => {
    // A hash with a few values: nearly every block is a run of several keys.
    const keys = (await keyed()).map((f) => blockingKeys(f));
    for (const hash of [(k: string) => k.length % 7, (k: string) => k.charCodeAt(k.length - 1) % 3, () => 0]) {
      const want = byDefinition(keys, against, cap);
      const { pairs, list } = built(keys, against, cap, hash);
      expect(list).toEqual(want.pairs);
      expect([pairs.blocks, pairs.oversizedBlocks]).toEqual([want.blocks, want.oversized]);
      const listed = new Set(list);
      for (let a = 0; a < keys.length; a++) for (let b = a + 1; b < keys.length; b++) if (pairs.has(a, b) !== listed.has(`${a}~${b}`)) throw new Error(`has(${a}, ${b}) is wrong`);
    }
    // Two keys of one record with one hash are not a block of two; two records with two keys of one hash are no block either.
    const alone = [['x:1', 'y:1'], ['z:22'], ['w:22']];
    const { pairs, list } = built(alone, () => false, () => 10, (k) => k.length);
    expect([list, pairs.blocks]).toEqual([[], 0]);
  });
});
