import { type MarcRecord, readMrk } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { FeatureTable } from '../src/feature-table.js';
import { DedupRun, dedupConfigSchema, recordFeatures, scorePair } from '../src/index.js';
import { keyHash } from '../src/key-rows.js';
import { scoreCeiling } from '../src/score.js';
import { TableScorer } from '../src/table-score.js';

async function records(text: string): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  for await (const item of readMrk(Buffer.from(`${text.trim()}\n`), { mode: 'lenient' })) if (item.kind === 'record') out.push(item.record);
  return out;
}
const config = dedupConfigSchema.parse({});
const rec = (id: string, isbn: string, title: string) => `=LDR  00000nam a2200000 i 4500
=001  ${id}
=020  \\\\$a${isbn}
=245  10$a${title}
=260  \\\\$bЖазушы,$c2019.`;

// Found by brute force: FNV-1a 32-bit (feature-table.ts hash32) and the 40-bit keyHash (key-rows.ts) collisions.
const FNV_SAME = ['9781000449599', '9781000612382'];
const KEY_SAME = ['9781000870125', '9781001721912'];

describe('real hash collisions', () => {
  it('the 40-bit key hash: two ISBN keys with one hash pair nobody by themselves', async () => {
    expect(keyHash(`i:${KEY_SAME[0]}`)).toBe(keyHash(`i:${KEY_SAME[1]}`));
    const recs = await records([rec('A', KEY_SAME[0]!, 'Абай жолы'), rec('B', KEY_SAME[1]!, 'Қан мен тер'), rec('C', KEY_SAME[0]!, 'Көшпенділер')].join('\n\n'));
    expect(recordFeatures(recs[0]!, 0).isbns).toEqual([KEY_SAME[0]]);
    const run = new DedupRun(config);
    recs.forEach((r, i) => run.add(r, i));
    const { stats } = run.finish();
    run.close();
    // A~C share the ISBN; B shares only the hash.
    expect(stats.candidatePairs).toBe(1);
  });

  it('the 32-bit identifier hash: colliding ISBNs are different ISBNs to the table scorer', async () => {
    const recs = await records([rec('A', FNV_SAME[0]!, 'Абай жолы'), rec('B', FNV_SAME[1]!, 'Абай жолы')].join('\n\n'));
    const [fa, fb] = recs.map((r, i) => recordFeatures(r, i));
    expect([fa!.isbns, fb!.isbns]).toEqual([[FNV_SAME[0]], [FNV_SAME[1]]]);
    const table = new FeatureTable();
    table.add(fa!);
    table.add(fb!);
    const scorer = new TableScorer(table.view, config.weights);
    expect(scorer.ceiling(0, 1)).toBe(scoreCeiling(fa!, fb!, config.weights).score);
    expect(scorePair(fa!, fb!, config.weights).reasons.find((r) => r.feature === 'isbn')?.points).toBe(config.weights.isbnConflict);
  });
});
