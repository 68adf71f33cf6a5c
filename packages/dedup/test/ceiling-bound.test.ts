import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type MarcRecord, readIso2709 } from '@kitap/marc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureTable } from '../src/feature-table.js';
import { type ComparedFeatures, DedupRun, type Weights, blockingKeys, dedupConfigSchema, recordFeatures, scorePair } from '../src/index.js';
import { hasVeto, scoreCeiling } from '../src/score.js';
import { TableScorer } from '../src/table-score.js';

const letters = fc.constantFrom('а', 'б', 'қ', 'к', 'a', 'b', ' ');
const word = fc.string({ unit: letters, maxLength: 8 });
const few = <T>(arb: fc.Arbitrary<T>) => fc.uniqueArray(arb, { maxLength: 3 });
const features: fc.Arbitrary<ComparedFeatures> = fc.record(
  {
    index: fc.nat({ max: 1000 }),
    source: fc.constantFrom('input' as const, 'against' as const),
    flavour: fc.constantFrom('marc21' as const, 'unimarc' as const),
    type: fc.constantFrom('a', 't'),
    level: fc.constantFrom('m', 's', 'a'),
    isbns: few(fc.constantFrom('9786010313286', '9785020177772', '', '123')),
    issns: few(fc.constantFrom('03785955', '20493630')),
    controlNumbers: few(fc.constantFrom('A-1', 'B-2', '', 'C-3')),
    title: word,
    fullTitle: word,
    authors: few(fc.constantFrom('auezov', 'auezova', 'zhumabaev', 'ab')),
    year: fc.constantFrom(2019, 2020),
    publisher: fc.constantFrom('zhazushy', 'zhazushy baspasy', 'mektep', 'mektep m'),
    pages: fc.oneof(fc.nat({ max: 400 }), fc.constantFrom(99999999999, 2147483647)),
    edition: fc.constantFrom('izd dop', 'izd pererab', 'izd  dop'),
    editionNumber: fc.constantFrom('2', '3'),
    volume: fc.constantFrom('1', '2'),
    seriesNumber: fc.constantFrom('1', '2.1'),
    language: fc.constantFrom('kaz', 'rus', ''),
    componentPart: fc.boolean(),
    copies: fc.nat({ max: 3 }),
  },
  { requiredKeys: ['index', 'source', 'flavour', 'type', 'level', 'isbns', 'issns', 'controlNumbers', 'title', 'fullTitle', 'authors', 'componentPart', 'copies'] },
);
const weight = fc.double({ min: -1, max: 1, noNaN: true });
const weights: fc.Arbitrary<Weights> = fc.record({
  isbnShared: weight,
  isbnConflict: weight,
  controlNumberShared: weight,
  title: weight,
  titleFloor: fc.double({ min: 0, max: 0.999, noNaN: true }),
  authorSame: weight,
  authorDifferent: weight,
  yearSame: weight,
  publisherSame: weight,
  publisherDifferent: weight,
  pagesClose: weight,
  pagesFar: weight,
  pagesTolerance: fc.nat({ max: 20 }),
  languageDifferent: weight,
});

describe('the ceiling bounds the score for any weights the config accepts', () => {
  it('table ceiling = scoreCeiling >= scorePair, and the vetoes agree, for random features and weights (either sign)', () => {
    fc.assert(
      fc.property(fc.array(features, { minLength: 2, maxLength: 12 }), weights, (list, w) => {
        const table = new FeatureTable();
        for (const f of list) table.add(f);
        const scorer = new TableScorer(table.view, w);
        for (let a = 0; a < list.length; a++) {
          for (let b = a + 1; b < list.length; b++) {
            const s = scorePair(list[a]!, list[b]!, w, false);
            const c = scoreCeiling(list[a]!, list[b]!, w);
            expect(scorer.ceiling(a, b)).toBe(c.score);
            expect(c.score).toBeGreaterThanOrEqual(s.score);
            expect(scorer.vetoed(a, b)).toBe(s.vetoes.length > 0);
            expect(hasVeto(list[a]!, list[b]!)).toBe(s.vetoes.length > 0);
          }
        }
      }),
      { seed: 4, numRuns: 3000 },
    );
  });

  it('a run with random weights and thresholds keeps exactly the links that scoring every candidate pair in full gives', async () => {
    const bytes = readFileSync(fileURLToPath(new URL('../../../fixtures/dedup/catalog.mrc', import.meta.url)));
    const recs: MarcRecord[] = [];
    for await (const item of readIso2709([bytes])) if (item.kind === 'record') recs.push(item.record);
    const feats = recs.map((r, i) => recordFeatures(r, i));
    const keys = feats.map((f) => blockingKeys(f));
    const byKey = new Map<string, number[]>();
    keys.forEach((ks, r) => ks.forEach((k) => byKey.set(k, [...(byKey.get(k) ?? []), r])));
    await fc.assert(
      fc.asyncProperty(weights, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), async (w, t1, t2) => {
        const config = dedupConfigSchema.parse({ weights: w, reviewThreshold: Math.min(t1, t2), matchThreshold: Math.max(t1, t2) });
        // Reference: every candidate pair scored in full.
        const pairs = new Set<string>();
        for (const [key, rs] of byKey) if (rs.length <= (key.startsWith('a:') ? Math.min(25, config.maxBlock) : config.maxBlock)) for (const a of rs) for (const b of rs) if (a < b) pairs.add(`${a}~${b}`);
        let match = 0;
        let review = 0;
        let vetoedHigh = 0;
        for (const p of pairs) {
          const [a, b] = p.split('~').map(Number) as [number, number];
          const s = scorePair(feats[a]!, feats[b]!, config.weights, false);
          if (s.vetoes.length) vetoedHigh += s.score >= config.reviewThreshold ? 1 : 0;
          else if (s.score >= config.matchThreshold) match++;
          else if (s.score >= config.reviewThreshold) review++;
        }
        const run = new DedupRun(config);
        recs.forEach((r, i) => run.add(r, i));
        const { stats } = run.finish();
        run.close();
        expect({ candidates: stats.candidatePairs, match: stats.matchPairs, review: stats.reviewPairs, vetoedHigh: stats.vetoedAboveReview }).toEqual({ candidates: pairs.size, match, review, vetoedHigh });
      }),
      { seed: 11, numRuns: 25 },
    );
  }, 120_000);
});
