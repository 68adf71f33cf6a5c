import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readIso2709, readMrk, type MarcRecord } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { DedupRun, dedupConfigSchema, recordFeatures, scorePair } from '../src/index.js';

async function records(text: string): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  const chunks = text.trim().split(/\n\s*\n/).map((c) => (c.startsWith('=LDR') ? c : `=LDR  00000nam a2200000 i 4500\n${c}`));
  for await (const item of readMrk(Buffer.from(chunks.join('\n\n') + '\n'), { mode: 'strict' })) if (item.kind === 'record') out.push(item.record);
  return out;
}

const config = dedupConfigSchema.parse({});

const abai = (id: string, extra = '') => `=001  ${id}
=008  100415s2019\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d
=020  \\\\$a978-601-03-1328-6
=100  1\\$aӘуезов, Мұхтар
=245  10$aАбай жолы :$bроман-эпопея /$cМұхтар Әуезов.
=260  \\\\$aАлматы :$bЖазушы,$c2019.
=300  \\\\$a512 б. ;$c21 см${extra}`;

describe('dedup', () => {
  it('matches a retyped duplicate (look-alike letters, no hyphens, initials) and explains why', async () => {
    const recs = await records(`${abai('KZ-1')}\n=949  \\\\$aЦГБ$i1001\n\n=001  KZ-2\n=008  110101s2019\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d\n=020  \\\\$a9786010313286\n=100  1\\$aАуэзов, М.\n=245  10$aAбай жолы\n=260  \\\\$aАлматы :$bЖазушы,$c2019\n=300  \\\\$a510 с.\n=949  \\\\$a№4$i2002\n\n=001  KZ-3\n=245  10$aҚан мен тер\n=100  1\\$aНұрпейісов, Әбдіжәміл`);
    const run = new DedupRun(config);
    recs.forEach((r, i) => run.add(r, i));
    const { clusters, stats } = run.finish();
    run.close();
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ id: 'c1', decision: 'match', members: [{ index: 0, id: 'KZ-1' }, { index: 1, id: 'KZ-2' }] });
    expect(clusters[0]!.why[0]!.reasons.map((r) => r.feature)).toEqual(expect.arrayContaining(['isbn', 'title', 'author', 'year']));
    expect(stats.records).toBe(3);
  });

  it('never matches another volume of a set, whatever the score', async () => {
    const [a, b, c] = await records(`${abai('KZ-1')}\n=490  0\\$aШығармалар ;$v1\n\n${abai('KZ-2')}\n=490  0\\$aШығармалар ;$v2\n\n${abai('KZ-3')}`);
    const s = scorePair(recordFeatures(a!, 0), recordFeatures(b!, 1), config.weights);
    expect(s.score).toBeGreaterThanOrEqual(config.matchThreshold);
    expect(s.vetoes.map((v) => v.veto)).toEqual(['series-number']);
    // A copy typed without its series field is still the same book.
    expect(scorePair(recordFeatures(a!, 0), recordFeatures(c!, 2), config.weights).vetoes).toEqual([]);
  });

  it('gives the same clusters, vetoes and features whatever order the records are added in', async () => {
    const bytes = readFileSync(fileURLToPath(new URL('../../../fixtures/dedup/catalog.mrc', import.meta.url)));
    const recs: MarcRecord[] = [];
    for await (const item of readIso2709([bytes])) if (item.kind === 'record') recs.push(item.record);
    // Every third record from a catalog given with --against (numbered in its own file).
    const place = (i: number): [number, 'input' | 'against'] => (i % 3 === 2 ? [Math.floor(i / 3), 'against'] : [i - Math.floor((i + 1) / 3), 'input']);
    const result = (order: number[]) => {
      const run = new DedupRun(config);
      for (const i of order) run.add(recs[i]!, ...place(i));
      const { clusters, vetoed, stats } = run.finish();
      const features = recs.map((_, i) => run.featuresOf(...place(i)));
      run.close();
      return { clusters, vetoed, stats: { ...stats, phases: null }, features };
    };
    // Input first, then the catalog, each in file order (the order the command adds them in).
    const inOrder = result([...recs.keys()].sort((x, y) => Number(place(x)[1] === 'against') - Number(place(y)[1] === 'against') || x - y));
    expect(inOrder.clusters.some((c) => c.members.some((m) => m.source === 'against'))).toBe(true);
    expect(inOrder.stats.againstRecords).toBe(Math.floor(recs.length / 3));
    expect(result([...recs.keys()].reverse())).toEqual(inOrder);
    expect(result([...recs.keys()])).toEqual(inOrder);
  });
});
