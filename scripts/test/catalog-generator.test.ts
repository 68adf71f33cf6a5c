import { describe, expect, it } from 'vitest';
import { type DataField, type MarcRecord, subfieldValue, subfieldValues, writeIso2709 } from '../../packages/marc/src/index.js';
import { CatalogGenerator, type HoldingsLayout, withRussianLookAlikes } from '../fixtures/catalog-generator.js';
import { serializeIso2709, utf8 } from '../fixtures/iso2709-bytes.js';
import { Rng } from '../fixtures/prng.js';

function records(options: ConstructorParameters<typeof CatalogGenerator>[0], count: number): MarcRecord[] {
  return [...new CatalogGenerator(options).records(count)];
}

function data(record: MarcRecord, tag: string): DataField[] {
  return record.fields.filter((f): f is DataField => f.kind === 'data' && f.tag === tag);
}

function control(record: MarcRecord, tag: string): string | undefined {
  const f = record.fields.find((x) => x.tag === tag);
  return f?.kind === 'control' ? f.value : undefined;
}

function isbnValid(isbn: string): boolean {
  const d = isbn.replace(/-/g, '');
  if (d.length === 10) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (d[i] === 'X' ? 10 : Number(d[i])) * (10 - i);
    return sum % 11 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(d[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

const sample = records({ seed: 42 }, 1500);

describe('Rng (mulberry32)', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Rng(1), b = new Rng(1), c = new Rng(2);
    const seq = (r: Rng): number[] => Array.from({ length: 20 }, () => r.int(0, 1_000_000));
    expect(seq(a)).toEqual(seq(b));
    expect(seq(new Rng(1))).not.toEqual(seq(c));
  });

  it('stays within the bounds it is given', () => {
    const r = new Rng(9);
    for (let i = 0; i < 10_000; i++) {
      const v = r.int(3, 7);
      expect(v >= 3 && v <= 7 && Number.isInteger(v)).toBe(true);
    }
  });
});

describe('CatalogGenerator', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other records', () => {
    const bytes = (seed: number): Buffer => Buffer.concat(records({ seed }, 100).map((r) => writeIso2709(r)));
    expect(bytes(5).equals(bytes(5))).toBe(true);
    expect(bytes(5).equals(bytes(6))).toBe(false);
  });

  it('writes an 008 of 40 positions whose language agrees with 040 $b and 041 $a', () => {
    for (const r of sample) {
      const f008 = control(r, '008')!;
      expect(f008).toHaveLength(40);
      expect(f008[6]).toBe('s');
      const language = f008.slice(35, 38);
      expect(['kaz', 'rus']).toContain(language);
      expect(subfieldValue(data(r, '041')[0]!, 'a')).toBe(language);
      expect(subfieldValue(data(r, '040')[0]!, 'b')).toBe(language);
      const publication = data(r, '260')[0] ?? data(r, '264')[0]!;
      expect(subfieldValue(publication, 'c')).toBe(`${f008.slice(7, 11)}.`);
    }
  });

  it('writes ISBN with valid check digits, except for a few as in real catalogs', () => {
    const isbns = sample.flatMap((r) => data(r, '020').map((f) => subfieldValue(f, 'a')!));
    const valid = isbns.filter(isbnValid).length;
    expect(isbns.length).toBeGreaterThan(1000);
    expect(valid / isbns.length).toBeGreaterThan(0.93);
    expect(valid).toBeLessThan(isbns.length);
  });

  it('uses both languages, Kazakh classics, BBK with $2 rubbk and UDC', () => {
    const text = sample.map((r) => JSON.stringify(r.fields)).join('\n');
    for (const name of ['Әуезов, Мұхтар', 'Абай Құнанбайұлы', 'Жұмабаев, Мағжан', 'Толстой, Лев Николаевич', 'Есенберлин, Ілияс']) expect(text).toContain(name);
    for (const title of ['Абай жолы', 'Қан мен тер', 'Көшпенділер', 'Война и мир']) expect(text).toContain(title);
    expect(text).toContain('84(5Каз)-44');
    for (const r of sample) {
      expect(subfieldValue(data(r, '084')[0]!, '2')).toBe('rubbk');
      expect(data(r, '080')).toHaveLength(1);
    }
  });

  it('links every 852 to its 876 by $8 and never reuses an inventory number', () => {
    const inventory = new Set<string>();
    let copies = 0;
    for (const r of sample) {
      const locations = data(r, '852');
      const items = data(r, '876');
      expect(locations.length).toBeGreaterThan(0);
      expect(items.map((f) => subfieldValue(f, '8'))).toEqual(locations.map((f) => subfieldValue(f, '8')));
      for (const item of items) {
        copies++;
        const number = subfieldValue(item, 'a')!;
        expect(number).toMatch(/^(КХ-\d{6}|\d{6})$/);
        expect(inventory.has(number)).toBe(false);
        inventory.add(number);
        expect(subfieldValue(item, 'c')).toMatch(/^\d+\.\d{2}$/);
        const barcode = subfieldValue(item, 'p');
        if (barcode) expect(isbnValid(barcode)).toBe(true); // EAN-13 uses the ISBN-13 check
      }
    }
    expect(copies).toBeGreaterThan(sample.length);
  });

  it('keeps «№11» and «№11 д.» as different libraries', () => {
    const siglas = new Set(sample.flatMap((r) => data(r, '852').map((f) => subfieldValue(f, 'b')!)));
    for (const s of ['ЦГБ', '№11', '№11 д.', '№15', '№15 д.', '№1 юн.']) expect(siglas).toContain(s);
    expect(siglas.size).toBe(21);
  });

  it('puts one holdings field per copy in every layout', () => {
    const layouts: HoldingsLayout[] = ['949', '910', '995', '899'];
    for (const holdings of layouts) {
      const flavour = holdings === '995' || holdings === '899' ? 'rusmarc' : 'marc21';
      // Rendering uses no randomness, so two generators with one seed stay in step.
      const books = new CatalogGenerator({ seed: 3, holdings, flavour });
      const marc = new CatalogGenerator({ seed: 3, holdings, flavour });
      for (let i = 0; i < 50; i++) expect(data(marc.next(), holdings)).toHaveLength(books.nextBook().copies.length);
    }
  });

  it('makes records of about 2 KB in the bench profile', () => {
    const bench = records({ seed: 2709, profile: 'bench' }, 2000);
    const mean = bench.reduce((n, r) => n + writeIso2709(r).length, 0) / bench.length;
    expect(mean).toBeGreaterThan(1800);
    expect(mean).toBeLessThan(2400);
  });

  it('writes RUSMARC with 100 $a of 36 positions and 200 $a titles', () => {
    for (const r of records({ seed: 11, flavour: 'rusmarc' }, 200)) {
      expect(subfieldValue(data(r, '100')[0]!, 'a')).toHaveLength(36);
      expect(subfieldValue(data(r, '200')[0]!, 'a')).toBeTruthy();
      expect(r.fields.some((f) => f.tag === '245' || f.tag === '008')).toBe(false);
      expect(data(r, '995').length).toBeGreaterThan(0);
    }
  });

  it('uses invented titles with every Kazakh letter, in both cases', () => {
    const text = sample.flatMap((r) => data(r, '245').flatMap((f) => subfieldValues(f, 'a'))).join(' ');
    for (const letter of 'ӘәҒғҚқҢңӨөҰұҮүҺһІі') expect(text, letter).toContain(letter);
  });
});

describe('serializeIso2709', () => {
  it('writes UTF-8 records byte for byte as kitap\'s writer does', () => {
    for (const [flavour, leader09] of [['marc21', 'a'], ['rusmarc', ' ']] as const) {
      for (const r of records({ seed: 77, flavour }, 200)) {
        const ours = serializeIso2709(r.leader, r.fields, utf8, leader09);
        expect(Buffer.from(ours).equals(Buffer.from(writeIso2709(r, { characterCoding: leader09 })))).toBe(true);
      }
    }
  });
});

describe('withRussianLookAlikes', () => {
  it('replaces the eight letters cp1251 lacks and keeps І і', () => {
    expect(withRussianLookAlikes('Қан мен тер; Әуезов, Ғабит; Үркер, Ұлпан, Өмір; шаһар; Іңкәр')).toBe('Кан мен тер; Ауезов, Габит; Уркер, Улпан, Омір; шахар; Інкар');
    expect(withRussianLookAlikes('ӘҒҚҢӨҰҮҺ әғқңөұүһ')).toBe('АГКНОУУХ агкноуух');
  });
});
