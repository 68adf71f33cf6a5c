import { type MarcRecord, readMrk } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { DedupRun, blockingKeys, dedupConfigSchema, recordFeatures, scorePair } from '../src/index.js';

async function records(text: string): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  for await (const item of readMrk(Buffer.from(`${text.trim()}\n`), { mode: 'strict' })) if (item.kind === 'record') out.push(item.record);
  return out;
}

const config = dedupConfigSchema.parse({});

// A: the 2nd edition; B: the same book with no edition statement (a bare copy record) that shares A's ISBN
// and carries C's number in 035; C: the 3rd edition, its title retyped with a slip at the start.
// A and C share no blocking key, so they are never a candidate pair, yet a veto (edition 2 vs 3) separates them.
const text = `
=LDR  00000nam a2200000 i 4500
=001  A-1
=020  \\\\$a978-601-03-1328-6
=245  10$aҚазақ халқының тарихы
=250  \\\\$a2-е изд.
=260  \\\\$aАлматы :$bМектеп
=300  \\\\$a320 с.

=LDR  00000nam a2200000 i 4500
=001  B-1
=020  \\\\$a978-601-03-1328-6
=035  \\\\$a(KZ)C-1
=245  10$aҚазақ халқының тарихы
=260  \\\\$aАлматы :$bМектеп
=300  \\\\$a320 с.

=LDR  00000nam a2200000 i 4500
=001  C-1
=245  10$aҚазақ хлқының тарихы
=250  \\\\$a3-е изд.
=260  \\\\$aАлматы :$bМектеп
=300  \\\\$a320 с.
`;

describe('clustering and vetoes between records that are not a candidate pair', () => {
  it('never puts two records a veto separates in one cluster, even through a chain (docs/dedup.md, issue 4)', async () => {
    const [a, b, c] = await records(text);
    const fa = recordFeatures(a!, 0);
    const fb = recordFeatures(b!, 1);
    const fc = recordFeatures(c!, 2);
    // The premises: A~B and B~C link, A and C are vetoed and share no key.
    expect(scorePair(fa, fb, config.weights).score).toBeGreaterThanOrEqual(config.reviewThreshold);
    expect(scorePair(fb, fc, config.weights).score).toBeGreaterThanOrEqual(config.reviewThreshold);
    expect(scorePair(fa, fc, config.weights).vetoes.map((v) => v.veto)).toEqual(['edition']);
    const ka = blockingKeys(fa);
    expect(blockingKeys(fc).filter((k) => ka.includes(k))).toEqual([]);

    const run = new DedupRun(config);
    [a, b, c].forEach((r, i) => run.add(r!, i));
    const { clusters } = run.finish();
    run.close();
    const together = clusters.filter((cl) => cl.members.some((m) => m.index === 0) && cl.members.some((m) => m.index === 2));
    expect(together.map((cl) => ({ decision: cl.decision, members: cl.members.map((m) => m.id) }))).toEqual([]);
  });
});

describe('--against and vetoes between two catalog records', () => {
  const book = (id: string, edition?: string) => `=LDR  00000nam a2200000 i 4500
=001  ${id}
=100  1\\$aӘуезов, Мұхтар
=245  10$aАбай жолы
${edition ? `=250  \\\\$a${edition}\n` : ''}=260  \\\\$aАлматы :$bЖазушы,$c2019.
=300  \\\\$a512 б.`;

  it('never clusters two catalog records a veto separates through one input record', async () => {
    const [input] = await records(book('NEW-1'));
    const catalog = await records(`${book('CAT-1', '2-е изд.')}\n\n${book('CAT-2', '3-е изд.')}`);
    expect(scorePair(recordFeatures(catalog[0]!, 0, 'against'), recordFeatures(catalog[1]!, 1, 'against'), config.weights).vetoes.map((v) => v.veto)).toEqual(['edition']);
    const run = new DedupRun(config);
    run.add(input!, 0);
    catalog.forEach((r, i) => run.add(r, i, 'against'));
    const { clusters } = run.finish();
    run.close();
    // The 2nd and the 3rd edition are never a candidate pair (both are --against records), but their veto still holds.
    expect(clusters.filter((c) => c.members.filter((m) => m.source === 'against').length > 1).map((c) => c.members.map((m) => m.id))).toEqual([]);
  });
});
