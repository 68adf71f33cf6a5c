import { readMrk, type MarcRecord } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { blockingKeys, dedupConfigSchema, recordFeatures, scorePair } from '../src/index.js';

const config = dedupConfigSchema.parse({});

async function one(text: string): Promise<MarcRecord> {
  const body = text.trim().startsWith('=LDR') ? text.trim() : `=LDR  00000nam a2200000 i 4500\n${text.trim()}`;
  for await (const item of readMrk(Buffer.from(body + '\n'), { mode: 'strict' })) if (item.kind === 'record') return item.record;
  throw new Error('no record');
}

const fixed = (year: string, lang = 'kaz') => `=008  100415s${year}\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\${lang}\\d`;
const base = (o: { id?: string; year?: string; lang?: string; isbn?: string; author?: string; title?: string; extra?: string; leader?: string } = {}) =>
  [
    o.leader ? `=LDR  ${o.leader}` : '',
    `=001  ${o.id ?? 'KZ-1'}`,
    fixed(o.year ?? '2019', o.lang),
    o.isbn === '' ? '' : `=020  \\\\$a${o.isbn ?? '978-601-03-1328-6'}`,
    o.author === '' ? '' : `=100  1\\$a${o.author ?? 'Әуезов, Мұхтар'}`,
    `=245  10$a${o.title ?? 'Абай жолы'} :$bроман-эпопея /$cМ. Әуезов.`,
    `=260  \\\\$aАлматы :$bЖазушы,$c${o.year ?? '2019'}.`,
    '=300  \\\\$a512 б. ;$c21 см',
    o.extra ?? '',
  ]
    .filter(Boolean)
    .join('\n');

async function score(a: string, b: string) {
  return scorePair(recordFeatures(await one(a), 0), recordFeatures(await one(b), 1), config.weights);
}

const features = (s: Awaited<ReturnType<typeof score>>) => Object.fromEntries(s.reasons.map((r) => [r.feature, r.points]));

describe('features of a pair', () => {
  it('an ISBN-10 and its ISBN-13 are the same ISBN; two different ISBNs cost points', async () => {
    expect(features(await score(base({ isbn: '5-02-017777-6' }), base({ id: 'KZ-2', isbn: '9785020177772' }))).isbn).toBe(0.45);
    expect(features(await score(base(), base({ id: 'KZ-2', isbn: '5-02-017777-6' }))).isbn).toBe(-0.15);
  });

  it('a control number kept in 035 links the two records', async () => {
    expect(features(await score(base({ isbn: '' }), base({ id: 'KZ-2', isbn: '', extra: '=035  \\\\$a(KZ-KrCBS)KZ-1' })))['control-number']).toBe(0.5);
  });

  it('titles: look-alike letters, Kazakh letters typed as Russian and a swapped pair still score high', async () => {
    const t = async (title: string) => features(await score(base(), base({ id: 'KZ-2', title }))).title!;
    expect(await t('Aбай жолы')).toBe(0.45);
    expect(await t('Абаи жолы')).toBeGreaterThan(0.35);
    expect(await t('Абай жлоы')).toBeGreaterThan(0.3);
    expect(features(await score(base(), base({ id: 'KZ-2', title: 'Көшпенділер' }))).title ?? 0).toBe(0);
  });

  it('authors: Kazakh, Russian and initial forms are the same person; another author costs points', async () => {
    expect(features(await score(base(), base({ id: 'KZ-2', author: 'Ауэзов, М.' }))).author).toBe(0.15);
    expect(features(await score(base(), base({ id: 'KZ-2', author: 'Сейфуллин, Сәкен' }))).author).toBe(-0.25);
  });

  it('pages within ±10 agree; a different language costs points', async () => {
    expect(features(await score(base(), base({ id: 'KZ-2' }).replace('512 б.', '510 б.'))).pages).toBe(0.05);
    expect(features(await score(base(), base({ id: 'KZ-2' }).replace('512 б.', '300 б.'))).pages).toBe(-0.15);
    expect(features(await score(base(), base({ id: 'KZ-2', lang: 'rus' }))).language).toBe(-0.3);
  });
});

describe('vetoes always win', () => {
  const vetoes = async (a: string, b: string) => (await score(a, b)).vetoes.map((v) => v.veto);
  it('different year', async () => expect(await vetoes(base(), base({ id: 'KZ-2', year: '2020' }))).toEqual(['year']));
  it('different edition statement', async () => expect(await vetoes(base({ extra: '=250  \\\\$a2-е изд.' }), base({ id: 'KZ-2', extra: '=250  \\\\$a3-е изд.' }))).toEqual(['edition']));
  it('same edition number in Kazakh and Russian wording is no veto', async () =>
    expect(await vetoes(base({ extra: '=250  \\\\$a3-басылымы' }), base({ id: 'KZ-2', extra: '=250  \\\\$a3-е изд.' }))).toEqual([]));
  it('different record type', async () => expect(await vetoes(base(), base({ id: 'KZ-2', leader: '00000ngm a2200000 i 4500' }))).toEqual(['record-type']));
  it('a serial against a book', async () => expect(await vetoes(base(), base({ id: 'KZ-2', leader: '00000nas a2200000 i 4500' }))).toEqual(['bibliographic-level']));
  it('an article against its host', async () =>
    expect(await vetoes(base(), base({ id: 'KZ-2', leader: '00000naa a2200000 i 4500', extra: '=773  0\\$tАбай жолы' }))).toEqual(['bibliographic-level', 'component-part']));
  it('two ISSNs with none shared', async () =>
    expect(await vetoes(base({ extra: '=022  \\\\$a0378-5955' }), base({ id: 'KZ-2', extra: '=022  \\\\$a2049-3630' }))).toEqual(['issn']));
  it('a MARC21 record against a RUSMARC one (the same tag means other things)', async () => {
    const rusmarc = [
      '=LDR  00000nam0a2200000 i 450 ',
      '=001  KZ-2',
      '=010  \\\\$a978-601-03-1328-6',
      '=100  \\\\$a20100415d2019    k  y0kazy0150    ca',
      '=101  0\\$akaz',
      '=200  1\\$aАбай жолы$eроман-эпопея$fМ. Әуезов',
      '=210  \\\\$aАлматы$cЖазушы$d2019',
      '=215  \\\\$a512 б.',
      '=700  \\1$aӘуезов$bМ.',
    ].join('\n');
    expect(await vetoes(base(), rusmarc)).toContain('flavour');
  });
  it('another part of a set, even when one side names no part', async () => {
    expect(await vetoes(base({ extra: '' }).replace('$bроман-эпопея /', '$bроман-эпопея.$n1-кітап /'), base({ id: 'KZ-2' }).replace('$bроман-эпопея /', '$bроман-эпопея.$n2-кітап /'))).toEqual(['volume']);
    expect(await vetoes(base(), base({ id: 'KZ-2' }).replace('$bроман-эпопея /', '$bроман-эпопея.$n2-кітап /'))).toEqual(['volume']);
  });
});

describe('blocking keys', () => {
  it('put a retyped duplicate in a block with its original even without an ISBN', async () => {
    const a = blockingKeys(recordFeatures(await one(base()), 0));
    const b = blockingKeys(recordFeatures(await one(base({ id: 'KZ-2', isbn: '', title: 'Aбай жoлы', author: 'Ауэзов, М.' })), 1));
    expect(a.filter((k) => b.includes(k)).length).toBeGreaterThan(0);
  });

  it('keep different years apart (a year difference is a veto anyway)', async () => {
    const a = blockingKeys(recordFeatures(await one(base({ isbn: '' })), 0));
    const b = blockingKeys(recordFeatures(await one(base({ id: 'KZ-2', isbn: '', year: '2020' })), 1));
    expect(a.filter((k) => b.includes(k))).toEqual([]);
  });
});
