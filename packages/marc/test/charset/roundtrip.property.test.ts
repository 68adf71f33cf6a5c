import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/charset/index.js';
import { marc8Repertoire } from '../../src/charset/marc8.js';
import { singleByteTable, SINGLE_BYTE_CHARSETS } from '../../src/charset/single-byte.js';

function roundTrip(text: string, cs: Parameters<typeof encode>[1]): { text: string; problems: number } {
  const b = encode(text, cs);
  const r = decode(b, 0, b.length, cs);
  return { text: r.text, problems: r.problems.length };
}

describe('decode(encode(s)) === s for strings drawn from each charset', () => {
  for (const cs of SINGLE_BYTE_CHARSETS) {
    it(cs, () => {
      const repertoire = [...singleByteTable(cs).chars].filter((c) => c !== '\uFFFD');
      expect(repertoire.length).toBeGreaterThanOrEqual(255);
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...repertoire), { maxLength: 60 }), (chars) => {
          const s = chars.join('');
          expect(roundTrip(s, cs)).toEqual({ text: s, problems: 0 });
        }),
        { numRuns: 300 },
      );
    });
  }

  it('utf-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(roundTrip(s, 'utf-8')).toEqual({ text: s, problems: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('marc8: every character of every set, and Latin letters with ANSEL diacritics', () => {
    const { bases } = marc8Repertoire();
    expect(bases.length).toBeGreaterThan(15000); // EACC included
    const base = fc.constantFrom(...bases.map((cp) => String.fromCodePoint(cp)));
    const control = fc.constantFrom(' ', '\u001f', '\u001e', '\n');
    // ANSEL marks on ASCII letters: Unicode order base + marks; the expected text is its NFC
    const anselMarks = ['\u0300', '\u0301', '\u0302', '\u0303', '\u0304', '\u0306', '\u0307', '\u0308', '\u030C', '\u030A', '\u0327', '\u0328', '\u0323', '\u0324', '\u0325', '\u0332', '\u0333', '\u0309', '\u030B'];
    const accented = fc
      .tuple(fc.constantFrom(...'aeiouycsznrAEIOUYCSZNR'), fc.array(fc.constantFrom(...anselMarks), { minLength: 1, maxLength: 2 }))
      .map(([l, ms]) => (l + ms.join('')).normalize('NFC'));
    fc.assert(
      fc.property(fc.array(fc.oneof(base, base, control, accented), { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        expect(roundTrip(s, 'marc8')).toEqual({ text: s, problems: 0 });
      }),
      { numRuns: 500, seed: 20261126 },
    );
  });

  it('marc8: a combining mark right after a control character (found by the property above)', () => {
    const { bases } = marc8Repertoire();
    const marks = bases.map((cp) => String.fromCodePoint(cp)).filter((c) => /\p{M}/u.test(c));
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) for (const control of ['\n', '\u001f', '\u001e']) expect(roundTrip(control + mark, 'marc8')).toEqual({ text: control + mark, problems: 0 });
  });

  it('marc8: realistic Cyrillic text round-trips', () => {
    const cyrillic = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯіїєґўІЇЄҐЎ .,:;-()0123456789'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...cyrillic), { maxLength: 80 }), (chars) => {
        const s = chars.join('');
        expect(roundTrip(s, 'marc8')).toEqual({ text: s, problems: 0 });
      }),
      { numRuns: 300 },
    );
  });
});
