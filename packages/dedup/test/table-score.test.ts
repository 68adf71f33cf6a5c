import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type MarcRecord, readIso2709, readMrk } from '@kitap/marc';
import { editDistance, similarity } from '@kitap/text';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureTable } from '../src/feature-table.js';
import { type RecordFeatures, dedupConfigSchema, recordFeatures, scorePair } from '../src/index.js';
import { hasVeto, scoreCeiling } from '../src/score.js';
import { TableScorer, similarAtLeast } from '../src/table-score.js';

const config = dedupConfigSchema.parse({});

async function catalog(): Promise<MarcRecord[]> {
  const bytes = readFileSync(fileURLToPath(new URL('../../../fixtures/dedup/catalog.mrc', import.meta.url)));
  const out: MarcRecord[] = [];
  for await (const item of readIso2709([bytes])) if (item.kind === 'record') out.push(item.record);
  return out;
}

/** Records with the values a table must keep exactly: no year, no title, page counts too large for a cell, ISSNs, editions in words, an empty control number, a serial, an article, names and publishers near the similarity thresholds. */
async function oddRecords(): Promise<MarcRecord[]> {
  const text = `=LDR  00000nam a2200000 i 4500
=001  A-1
=245  10$aАбай жолы
=300  \\\\$a99999999999 с.

=LDR  00000nam a2200000 i 4500
=001  A-2
=035  \\\\$a(KZ)A-1$z
=245  10$aАбай жолы
=250  \\\\$aИздание дополненное
=300  \\\\$a99999999998 с.

=LDR  00000nas a2200000 i 4500
=022  \\\\$a0378-5955
=245  10$aЖұлдыз
=260  \\\\$bЖазушы,$c1999

=LDR  00000nas a2200000 i 4500
=022  \\\\$a2049-3630
=022  \\\\$a0378-5955
=245  10$aЖулдыз
=260  \\\\$bЖазушы баспасы,$c1999
=041  \\\\$a  

=LDR  00000naa a2200000 i 4500
=100  1\\$aӘуезов, М.
=700  1\\$aАуэзов, Мухтар
=245  10$a.
=250  \\\\$aИзд. перераб.
=773  0\\$tАбай жолы

=LDR  00000nam a2200000 i 4500
=020  \\\\$a978-601-03-1328-6
=020  \\\\$a5-02-017777-6
=100  1\\$aАуэзов, Мухтар
=245  10$aАбай жолы :$bроман-эпопея.$n2-кітап
=490  0\\$aШығармалар ;$vТ. 2, кн. 1
=300  \\\\$a0 б.

=LDR  00000nam a2200000 i 4500
=035  \\\\$z
=245  10$aАбай жолы
=300  \\\\$a2147483647 с.

=LDR  00000nam a2200000 i 4500
=100  1\\$aЖұмабаев, М.
=245  10$aТолғау
=260  \\\\$bМектеп,$c2001
=300  \\\\$a200 с.

=LDR  00000nam a2200000 i 4500
=100  1\\$aЖумабаева, М.
=245  10$aТолгау
=260  \\\\$bМектеп-М,$c2001
=300  \\\\$a211 с.`;
  const out: MarcRecord[] = [];
  for await (const item of readMrk(Buffer.from(`${text}\n`), { mode: 'lenient' })) if (item.kind === 'record') out.push(item.record);
  return out;
}

const compared = (f: RecordFeatures): Omit<RecordFeatures, 'display'> => {
  const { display: _, ...rest } = f;
  return rest;
};

describe('FeatureTable and TableScorer', () => {
  it('give back every record’s features as recordFeatures made them, property by property', async () => {
    const records = [...(await catalog()), ...(await oddRecords())];
    const table = new FeatureTable();
    const features = records.map((r, i) => recordFeatures(r, i, i % 7 === 3 ? 'against' : 'input'));
    for (const f of features) table.add(f);
    features.forEach((f, row) => {
      expect(JSON.stringify(table.get(row))).toBe(JSON.stringify(compared(f)));
      expect(table.get(row)).toStrictEqual(compared(f));
      expect(table.id(row)).toBe(f.id);
      expect(table.against(row)).toBe(f.source === 'against');
    });
  });

  it('answer as hasVeto and scoreCeiling do for every pair, and the ceiling is never below the score', async () => {
    const records = [...(await catalog()), ...(await oddRecords())];
    const features = records.map((r, i) => recordFeatures(r, i));
    const table = new FeatureTable();
    for (const f of features) table.add(f);
    // Weights of either sign, the title worth nothing or everything: the same answers whatever the config.
    const weightings = [config.weights, { ...config.weights, title: -0.2, publisherDifferent: 0.1, languageDifferent: 0.05 }, { ...config.weights, title: 1, titleFloor: 0 }];
    for (const weights of weightings) {
      const scorer = new TableScorer(table.view, weights);
      const wrong: string[] = [];
      let vetoed = 0;
      for (let a = 0; a < features.length; a++) {
        for (let b = a + 1; b < features.length; b++) {
          const fa = compared(features[a]!);
          const fb = compared(features[b]!);
          const ceiling = scoreCeiling(fa, fb, weights);
          const score = scorePair(fa, fb, weights, false);
          if (scorer.ceiling(a, b) !== ceiling.score) wrong.push(`${a}~${b}: ceiling ${scorer.ceiling(a, b)} in the table, ${ceiling.score} from the features`);
          if (scorer.vetoed(a, b) !== ceiling.vetoed || hasVeto(fa, fb) !== ceiling.vetoed || score.vetoes.length > 0 !== ceiling.vetoed) wrong.push(`${a}~${b}: vetoes disagree`);
          if (ceiling.score < score.score) wrong.push(`${a}~${b}: ceiling ${ceiling.score} below the score ${score.score}`);
          if (ceiling.vetoed) vetoed++;
        }
      }
      expect(wrong).toEqual([]);
      expect(vetoed).toBeGreaterThan(0);
    }
  });

  it('tells whether two names are similar enough as similarity does, one edit checked without the distance', () => {
    const letter = fc.constantFrom('а', 'у', 'е', 'з', 'о', 'в', 'a', 'u', 'e', 'z', 'o', 'v', 'ң', ' ');
    // A name and another made from it by a few edits (insertions, deletions, substitutions), or an unrelated one.
    const edit = fc.tuple(fc.constantFrom('insert', 'delete', 'substitute'), fc.nat(), letter);
    const pair = fc.tuple(fc.string({ unit: letter, maxLength: 14 }), fc.array(edit, { maxLength: 3 }), fc.option(fc.string({ unit: letter, maxLength: 14 })));
    const edited = (s: string, edits: [string, number, string][]): string =>
      edits.reduce((t, [kind, at, c]) => {
        const i = t.length ? at % (t.length + (kind === 'insert' ? 1 : 0)) : 0;
        return kind === 'insert' ? t.slice(0, i) + c + t.slice(i) : kind === 'delete' ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + c + t.slice(i + 1);
      }, s);
    fc.assert(
      fc.property(pair, fc.constantFrom(0.5, 0.8, 0.85, 0.9, 0.95), ([s, edits, other], threshold) => {
        const t = other ?? edited(s, edits);
        fc.pre(s !== t);
        expect(similarAtLeast(s, t, threshold)).toBe(similarity(s, t, editDistance) >= threshold);
      }),
      { numRuns: 20000 },
    );
    expect(similarAtLeast('auezov', 'auezova', 0.85)).toBe(true);
    expect(similarAtLeast('zhumabaev', 'zhumabaeva', 0.85)).toBe(true);
  });
});
