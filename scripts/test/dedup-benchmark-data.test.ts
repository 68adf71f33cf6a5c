/**
 * The labelled duplicate-detection benchmark (scripts/fixtures/dedup-benchmark-data.ts):
 * deterministic, a consistent truth, labels that say what really happened to
 * each record, hard negatives that are really different, and records kitap's
 * strict ISO2709 reader accepts.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MarcRecord, readIso2709All, writeIso2709 } from '../../packages/marc/src/index.js';
import {
  DUPLICATE_KINDS,
  type DedupBenchmark,
  HARD_NEGATIVE_KINDS,
  type HardNegative,
  TRANSLATIONS,
  type TruthCluster,
  buildDedupBenchmark,
  russianSpelling,
} from '../fixtures/dedup-benchmark-data.js';
import { REAL_WORKS, TOPICS } from '../fixtures/vocabulary.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = resolve(root, '../shared/corpus');
const HAS_CORPUS = existsSync(CORPUS);
const OPTIONS = HAS_CORPUS ? { seed: 42, editions: 2000, corpusDir: CORPUS } : { seed: 42, editions: 2000 };

let bench: DedupBenchmark;
let bytes: Buffer;

function iso(records: readonly MarcRecord[]): Buffer {
  return Buffer.concat(records.map((r) => writeIso2709(r)));
}

beforeAll(async () => {
  bench = await buildDedupBenchmark(OPTIONS);
  bytes = iso(bench.records);
});

const isMarc21 = (r: MarcRecord): boolean => r.leader.value.endsWith('4500');
const titleOf = (r: MarcRecord): string => [...r.subfieldValues('245', 'a'), ...r.subfieldValues('200', 'a')][0] ?? '';
const inventory = (r: MarcRecord): string[] => [...r.subfieldValues('949', 'i'), ...r.subfieldValues('995', 'j')];
/** ISBNs: MARC21 020 $a (MARC21 010 is the LCCN), RUSMARC 010 $a. */
const isbns = (r: MarcRecord): string[] => r.subfieldValues(isMarc21(r) ? '020' : '010', 'a');
const languageOf = (r: MarcRecord): string | undefined => (isMarc21(r) ? r.controlValue('008')?.slice(35, 38) : r.subfieldValues('101', 'a')[0]);
/** The digits of the ISBN at the start of a 020 $a / 010 $a ("978-601-…", "0140057749 (pbk.)"). */
const isbnDigits = (value: string): string => (/^[0-9Xx-]+/.exec(value)?.[0] ?? '').replace(/-/g, '');
const bare = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function text(r: MarcRecord): string {
  return r.fields.map((f) => (f.kind === 'control' ? f.value : f.subfields.map((s) => s.value).join(' '))).join('\n');
}

function clusterOf(truth: readonly TruthCluster[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const c of truth) for (const m of c.members) out.set(m, c.id);
  return out;
}

describe('buildDedupBenchmark', () => {
  it('gives the same bytes and the same truth for the same options, and other records for another seed', async () => {
    const again = await buildDedupBenchmark(OPTIONS);
    expect(iso(again.records).equals(bytes)).toBe(true);
    expect(JSON.stringify({ t: again.truth, n: again.hardNegatives, s: again.stats })).toBe(JSON.stringify({ t: bench.truth, n: bench.hardNegatives, s: bench.stats }));
    const other = await buildDedupBenchmark({ seed: 43, editions: 300 });
    expect(Buffer.from(writeIso2709(other.records[0]!)).equals(Buffer.from(writeIso2709(bench.records[0]!)))).toBe(false);
  });

  it('has the intended size: ~2,000 editions, a quarter with 1–3 duplicates, ~300 hard negatives, ~3,000 records, 70/30 MARC21/RUSMARC', () => {
    const s = bench.stats;
    expect(s.generatedEditions).toBe(2000);
    expect(s.records).toBe(bench.records.length);
    expect(s.records).toBeGreaterThan(2600);
    expect(s.records).toBeLessThan(3400);
    expect(s.clusters / s.editions).toBeGreaterThan(0.2);
    expect(s.clusters / s.editions).toBeLessThan(0.3);
    expect(s.hardNegatives).toBeGreaterThan(240);
    expect(s.hardNegatives).toBeLessThan(360);
    expect(s.marc21Records + s.rusmarcRecords).toBe(s.records);
    expect(s.rusmarcRecords / s.records).toBeGreaterThan(0.2);
    expect(s.rusmarcRecords / s.records).toBeLessThan(0.35);
    expect(bench.records.filter((r) => !isMarc21(r)).length).toBe(s.rusmarcRecords);
    expect(Object.keys(s.clusterSizes).sort()).toEqual(['2', '3', '4']);
    expect(s.duplicateRecords).toBe(bench.truth.reduce((n, c) => n + c.members.length - 1, 0));
  });

  it('has clusters of 2 or more records, each record in at most one cluster, one original and the rest variants', () => {
    const seen = new Set<number>();
    for (const c of bench.truth) {
      expect(c.members.length, c.id).toBeGreaterThanOrEqual(2);
      expect(c.members).toEqual([...c.members].sort((a, b) => a - b));
      for (const m of c.members) {
        expect(m >= 0 && m < bench.records.length, `${c.id} ${m}`).toBe(true);
        expect(seen.has(m), `${m} in two clusters`).toBe(false);
        seen.add(m);
      }
      expect([c.original, ...c.variants.map((v) => v.member)].sort((a, b) => a - b)).toEqual(c.members);
      for (const v of c.variants) expect(v.kinds.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.variants.length, c.id).toBeLessThanOrEqual(3);
    }
    expect(new Set(bench.truth.map((c) => c.id)).size).toBe(bench.truth.length);
  });

  it('gives every member of a cluster its own 001 and its own copies (inventory numbers), all unique in the file', () => {
    const controlNumbers = bench.records.map((r) => r.controlValue('001'));
    expect(controlNumbers.every((n) => n && /^\d{9}$/.test(n))).toBe(true);
    expect(new Set(controlNumbers).size).toBe(bench.records.length);
    const allInventory = bench.records.flatMap(inventory);
    expect(new Set(allInventory).size).toBe(allInventory.length);
    for (const c of bench.truth) {
      const numbers = c.members.map((m) => bench.records[m]!.controlValue('001'));
      expect(new Set(numbers).size, c.id).toBe(c.members.length);
      const copies = c.members.map((m) => inventory(bench.records[m]!));
      for (const own of copies) expect(own.length, c.id).toBeGreaterThan(0);
      expect(new Set(copies.flat()).size, c.id).toBe(copies.flat().length);
      expect(new Set(c.members.map((m) => isMarc21(bench.records[m]!))).size, `${c.id} mixes MARC21 and RUSMARC`).toBe(1);
    }
  });

  it('uses every duplicate kind and every hard-negative kind', () => {
    const used = new Set(bench.truth.flatMap((c) => c.variants.flatMap((v) => v.kinds)));
    expect([...used].sort()).toEqual([...DUPLICATE_KINDS].sort());
    expect(new Set(bench.hardNegatives.map((n) => n.kind))).toEqual(new Set(HARD_NEGATIVE_KINDS));
    for (const k of DUPLICATE_KINDS) expect(bench.stats.duplicateKinds[k], k).toBeGreaterThan(5);
    for (const k of HARD_NEGATIVE_KINDS) expect(bench.stats.hardNegativeKinds[k], k).toBeGreaterThan(5);
  });

  it('labels what really happened to each duplicate', () => {
    for (const c of bench.truth) {
      const original = bench.records[c.original]!;
      for (const v of c.variants) {
        const r = bench.records[v.member]!;
        const has = (k: string): boolean => v.kinds.includes(k as never);
        expect(text(r), c.id).not.toBe(text(original));
        if (has('isbn-missing')) expect(isbns(original).length > 0 && isbns(r).length === 0, `${c.id} isbn-missing`).toBe(true);
        if (has('isbn-unhyphenated')) expect(isbns(original)[0]).toContain('-');
        if (has('isbn-10-vs-13')) expect(isbnDigits(isbns(r)[0]!).length, c.id).not.toBe(isbnDigits(isbns(original)[0]!).length);
        if (has('yo-as-ye')) expect(/ё/i.test(text(original)) && !/ё/i.test(text(r)), `${c.id} yo-as-ye`).toBe(true);
        // і may stay: cp1251 has it.
        if (has('kazakh-letters-as-russian')) expect(/[әғқңөұүһі]/i.test(text(original)) && !/[әғқңөұүһ]/i.test(text(r)), `${c.id} kazakh letters`).toBe(true);
        if (has('latin-lookalikes')) expect(titleOf(r), c.id).toMatch(/[a-zA-Z]/);
        if (has('other-number-in-035')) expect(r.subfieldValues('035', 'a')).toContain(`(KZ-KrCBS)${original.controlValue('001')}`);
        if (has('title-misprint') && !has('case-change') && !has('latin-lookalikes') && !has('kazakh-letters-as-russian') && !has('yo-as-ye')) {
          expect(bare(titleOf(r)), c.id).not.toBe(bare(titleOf(original)));
        }
      }
    }
  });

  it('has hard negatives that are different records, never in one cluster, and really what their kind says', () => {
    const cluster = clusterOf(bench.truth);
    const seen = new Set<string>();
    const check = (n: HardNegative): void => {
      const a = bench.records[n.a]!, b = bench.records[n.b]!;
      const where = `${n.kind} ${n.a}/${n.b}`;
      expect(n.a, where).toBeLessThan(n.b);
      expect(cluster.get(n.a) === undefined || cluster.get(n.a) !== cluster.get(n.b), where).toBe(true);
      expect(seen.has(`${n.a}/${n.b}`), where).toBe(false);
      seen.add(`${n.a}/${n.b}`);
      const levels = [a.leader.bibliographicLevel, b.leader.bibliographicLevel].sort().join('');
      if (n.kind === 'other-volume') expect(bare(titleOf(a)), where).toBe(bare(titleOf(b)));
      if (n.kind === 'translation') expect(languageOf(a), where).not.toBe(languageOf(b));
      if (n.kind === 'serial-vs-book') expect([levels, bare(titleOf(a))], where).toEqual(['ms', bare(titleOf(b))]);
      if (n.kind === 'same-title-other-author') expect(bare(titleOf(a)), where).toBe(bare(titleOf(b)));
      if (n.kind === 'article-vs-host') {
        const [article, host] = a.leader.bibliographicLevel === 'a' || a.leader.bibliographicLevel === 'b' ? [a, b] : [b, a];
        expect(['a', 'b']).toContain(article.leader.bibliographicLevel);
        expect(text(article), where).toContain(host.controlValue('001')!);
        expect(article.get(/^(773|463)$/).length, where).toBe(1);
      }
    };
    for (const n of bench.hardNegatives) check(n);
  });

  it('shuffles: members of a cluster are never next to each other, and the originals are spread over the file', () => {
    const cluster = clusterOf(bench.truth);
    for (let i = 1; i < bench.records.length; i++) {
      const c = cluster.get(i);
      expect(c !== undefined && c === cluster.get(i - 1), `records ${i - 1} and ${i}`).toBe(false);
    }
    const firstHalf = bench.truth.filter((c) => c.original < bench.records.length / 2).length;
    expect(firstHalf / bench.truth.length).toBeGreaterThan(0.35);
    expect(firstHalf / bench.truth.length).toBeLessThan(0.65);
  });

  it("is read back by kitap's strict ISO2709 reader without a reject or a warning", async () => {
    const items = await readIso2709All(bytes, { mode: 'strict' });
    expect(items.length).toBe(bench.records.length);
    const records = items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
    expect(records.length).toBe(bench.records.length);
    expect(records.filter((r) => r.warnings.length).map((r) => r.warnings[0]!.message)).toEqual([]);
    expect(records.map((r) => text(r)).join('\n')).not.toContain('{{');
    expect(records[17]!.controlValue('001')).toBe(bench.records[17]!.controlValue('001'));
  });

  it('is realistic: Kazakh and Russian text, Kazakh letters in titles, serials and analytics, both copy layouts', () => {
    const titles = bench.records.map(titleOf);
    expect(titles.filter((t) => /[әғқңөұүһі]/i.test(t)).length).toBeGreaterThan(600);
    expect(bench.stats.recordsWithKazakhLettersInTitle).toBe(titles.filter((t) => /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(t)).length);
    expect(bench.stats.kazakhLanguageRecords).toBeGreaterThan(bench.records.length / 3);
    expect(bench.records.filter((r) => r.leader.bibliographicLevel === 's').length).toBeGreaterThan(5);
    expect(bench.records.filter((r) => r.get('949').length).length).toBeGreaterThan(1500);
    expect(bench.records.filter((r) => r.get('995').length).length).toBeGreaterThan(500);
  });

  it.skipIf(!HAS_CORPUS)('adds real MARC21 records from the corpus, with duplicates and real other-edition pairs', () => {
    expect(bench.stats.corpusFile).toBe('marc4j/test/resources/pride-and-prejudice-fixed.mrc');
    expect(bench.stats.corpusEditions).toBeGreaterThan(150);
    const corpus = bench.truth.filter((c) => c.source === 'corpus');
    expect(corpus.length).toBeGreaterThan(20);
    expect(bench.records.filter((r) => /Austen/.test(text(r))).length).toBeGreaterThan(bench.stats.corpusEditions);
    expect(bench.hardNegatives.filter((n) => n.detail.startsWith('corpus:')).length).toBeGreaterThan(10);
  });
});

describe('building blocks', () => {
  it('spells Kazakh names the Russian way by rule', () => {
    expect(russianSpelling('Әуезов, Мұхтар')).toBe('Ауэзов, Мухтар');
    expect(russianSpelling('Құнанбайұлы')).toBe('Кунанбаев');
    expect(russianSpelling('Байтұрсынұлы')).toBe('Байтурсынов');
    expect(russianSpelling('Нұрпейісов')).toBe('Нурпеисов');
    expect(russianSpelling('Есенберлин, Ілияс')).toBe('Есенберлин, Илияс');
    expect(russianSpelling('Толстой, Лев')).toBe('Толстой, Лев');
  });

  it('translates only titles the vocabulary has in both languages', () => {
    const known = (title: string, language: 'kaz' | 'rus'): boolean =>
      REAL_WORKS.some((w) => w.title === title && w.language === language) || TOPICS.some((t) => t.titles[language].includes(title));
    for (const [kaz, rus] of TRANSLATIONS) {
      expect(known(kaz, 'kaz'), kaz).toBe(true);
      expect(known(rus, 'rus'), rus).toBe(true);
    }
  });
});
