import iconv from 'iconv-lite';
import { KitapError } from '@kitap/core';
import { describe, expect, it } from 'vitest';
import { decode, encode, type CharsetName } from '../../src/charset/index.js';

const LEGACY = ['cp1251', 'rk1048', 'pt154', 'cp866', 'koi8-r', 'latin1'] as const;

const RUSSIAN = [
  'Основы гидравлического расчета инженерных сетей',
  'Ёлки. Съезд объёмных подъездов',
  'Москва : Стройиздат, 1985. 320 с. : ил.',
  'ЭКОНОМИКА И УПРАВЛЕНИЕ НАРОДНЫМ ХОЗЯЙСТВОМ',
];
const KAZAKH = [
  'Абай жолы',
  'Қазақстан Республикасының тарихы',
  'Ә ә Ғ ғ Қ қ Ң ң Ө ө Ұ ұ Ү ү Һ һ І і',
  'Өнер және әдебиет. Ұлттық кітапхана. Үкімет қаулысы',
];

function bytesOf(text: string, cs: CharsetName): Uint8Array {
  return encode(text, cs);
}

function roundTrip(text: string, cs: CharsetName): string {
  const b = bytesOf(text, cs);
  const r = decode(b, 0, b.length, cs);
  expect(r.problems).toEqual([]);
  return r.text;
}

function expectUnmappable(fn: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(KitapError);
  expect((error as KitapError).code).toBe('E_UNMAPPABLE');
  expect((error as KitapError).message).toMatch(pattern);
}

describe('single-byte decode tables', () => {
  it.each(LEGACY)('%s: the table decodes all 256 bytes exactly as iconv-lite does', (cs) => {
    const all = new Uint8Array(256).map((_, i) => i);
    const r = decode(all, 0, 256, cs);
    expect(r.text).toBe(iconv.decode(Buffer.from(all), cs));
  });

  it('decodes a sub-range, with offsets relative to start', () => {
    const b = encode('xxАбай жолыyy', 'cp1251');
    expect(decode(b, 2, b.length - 2, 'cp1251').text).toBe('Абай жолы');
    expect(decode(b, 5, 5, 'cp1251')).toEqual({ text: '', problems: [] });
  });

  it('reports bytes a set leaves undefined (0x98 in cp1251 and rk1048) instead of replacing silently', () => {
    const b = Uint8Array.from([0x41, 0x98, 0x42, 0x98]);
    for (const cs of ['cp1251', 'rk1048'] as const) {
      const r = decode(b, 1, 4, cs);
      expect(r.text).toBe('\uFFFDB\uFFFD');
      expect(r.problems.map((p) => p.offset)).toEqual([0, 2]);
      expect(r.problems[0]?.message).toMatch(/0x98.*not defined in/);
    }
  });

  it('passes the MARC delimiters through unchanged', () => {
    const b = Uint8Array.from([0x1f, 0x61, 0xc0, 0x1e, 0x1d]);
    expect(decode(b, 0, b.length, 'cp1251').text).toBe('\u001faА\u001e\u001d');
  });

  it('decodes long fields (the TextDecoder path) the same as short ones', () => {
    const text = RUSSIAN.join(' ').repeat(40);
    expect(roundTrip(text, 'cp1251')).toBe(text);
    expect(roundTrip(text, 'koi8-r')).toBe(text);
  });
});

describe('single-byte encode', () => {
  it.each(['cp1251', 'rk1048', 'pt154', 'cp866', 'koi8-r'] as const)('%s round-trips Russian', (cs) => {
    for (const t of RUSSIAN) expect(roundTrip(t, cs)).toBe(t);
  });

  it.each(['rk1048', 'pt154'] as const)('%s round-trips Kazakh', (cs) => {
    for (const t of KAZAKH) expect(roundTrip(t, cs)).toBe(t);
  });

  it('encodes "Қазақстан" to rk1048 with Қ = 0x8D, қ = 0x9D', () => {
    expect([...encode('Қазақстан', 'rk1048')]).toEqual([0x8d, 0xe0, 0xe7, 0xe0, 0x9d, 0xf1, 0xf2, 0xe0, 0xed]);
  });

  it('refuses Kazakh letters in cp1251 with E_UNMAPPABLE naming the character and index', () => {
    expectUnmappable(() => encode('Қазақстан', 'cp1251'), /U\+049A 'Қ' at index 0 .*cp1251/);
    expectUnmappable(() => encode('Абай жолы. Қазақ', 'cp1251'), /U\+049A 'Қ' at index 11/);
  });

  it('accepts the one Kazakh letter cp1251 has (І і)', () => {
    expect(roundTrip('Іле Алатауы, іздеу', 'cp1251')).toBe('Іле Алатауы, іздеу');
  });

  it('never writes "?" for unmappable characters', () => {
    for (const cs of LEGACY) {
      expectUnmappable(() => encode('ok \u4E2D', cs), /U\+4E2D '中' at index 3/);
      expectUnmappable(() => encode('emoji 😀', cs), /U\+1F600/);
    }
    expectUnmappable(() => encode('Ёлки — это', 'cp866'), /U\+2014 '—' at index 5 .*cp866/);
    expectUnmappable(() => encode('Ёлки', 'latin1'), /U\+0401 'Ё' at index 0/);
    expectUnmappable(() => encode('€', 'latin1'), /U\+20AC/);
    expect([...encode('?', 'cp1251')]).toEqual([0x3f]);
  });

  it('encodes decomposed input (и + U+0306) after NFC', () => {
    const nfd = 'Йошкар-Ола, й'.normalize('NFD');
    expect(nfd).not.toBe('Йошкар-Ола, й');
    const b = encode(nfd, 'cp1251');
    expect(decode(b, 0, b.length, 'cp1251').text).toBe('Йошкар-Ола, й');
  });

  it('names the character and its index in the NFC text when normalisation does not help', () => {
    expectUnmappable(() => encode('é Қ'.normalize('NFD'), 'cp1251'), /U\+00E9 'é' at index 0 .*NFC-normalized/);
    // Cyrillic е + acute has no precomposed form: the mark itself is named
    expectUnmappable(() => encode('е\u0301', 'cp1251'), /U\+0301 at index 1 cannot be represented in cp1251/);
  });

  it('latin1 round-trips Western text and C1 controls', () => {
    const t = 'Société générale, Müller, Øresund, señor, ß \u0085';
    expect(roundTrip(t, 'latin1')).toBe(t);
  });
});
