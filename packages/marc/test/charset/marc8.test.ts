import { KitapError } from '@kitap/core';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/charset/index.js';

const ESC = '\u001b';

function bytes(s: string): Uint8Array {
  return Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
}

function dec(s: string): ReturnType<typeof decode> {
  const b = bytes(s);
  return decode(b, 0, b.length, 'marc8');
}

function ascii(b: Uint8Array): string {
  return String.fromCharCode(...b);
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

describe('MARC-8 decode', () => {
  it('passes ASCII and the subfield delimiters through', () => {
    expect(dec('10\u001faJack Collins\u001fcDLC')).toEqual({ text: '10\u001faJack Collins\u001fcDLC', problems: [] });
  });

  it('puts ANSEL combining marks after their base and composes to NFC', () => {
    expect(dec('Soci\xe2et\xe2e').text).toBe('Société');
    expect(dec('\xe8uber').text).toBe('über');
    // two marks before one base, in order; no precomposed form → base + marks
    expect(dec('\xe5\xe2a').text).toBe('a\u0304\u0301'.normalize('NFC'));
    expect(dec('\xf2\xe3a').text).toBe('ậ');
  });

  it('decodes ANSEL spacing characters', () => {
    expect(dec('\xa1\xe2od\xe2z, \xb2re, \xc3 1999, \xa5on').text).toBe('Łódź, øre, © 1999, Æon');
  });

  it('decodes the ligature and double-tilde halves', () => {
    expect(dec('\xebt\xecs').text).toBe('t\u0361s\uFE21');
    expect(dec('\xfan\xfbg').text).toBe('n\u0360g\uFE23');
  });

  it('decodes basic Cyrillic (ESC ( N) and extended Cyrillic (ESC ) Q)', () => {
    expect(dec(`${ESC}(NmOSKWA${ESC}(B :`).text).toBe('Москва :');
    expect(dec(`${ESC}(NbUJDA${ESC}(B, ${ESC}(N\`RIJ${ESC}(B.`).text).toBe('Буйда, Юрий.');
    expect(dec(`${ESC})Q\xc4lki${ESC})E`).text).toBe('ёlki');
    expect(dec(`${ESC}(Q\x44${ESC}(B`).text).toBe('ё');
    expect(dec(`${ESC},NaBAJ${ESC}s`).text).toBe('Абай');
    expect(dec(`${ESC}-Q\xe4`).text).toBe('Ё');
  });

  it('accepts ESC ) ! E, ESC $ , 1, ESC $ ( 1 and EACC in G1 (ESC $ ) 1)', () => {
    expect(dec(`${ESC})!E\xe2e`).text).toBe('é');
    const g0 = dec(`${ESC}$1!0!${ESC}(B`);
    expect(g0.problems).toEqual([]);
    expect(g0.text).toHaveLength(1);
    expect(dec(`${ESC}$,1!0!${ESC}(B`)).toEqual(g0);
    expect(dec(`${ESC}$(1!0!${ESC}(B`)).toEqual(g0);
    expect(dec(`${ESC}$)1\xa1\xb0\xa1`)).toEqual(g0);
    expect(dec(`${ESC}$-1\xa1\xb0\xa1 x`).text).toBe(`${g0.text} x`);
  });

  it('decodes technique-1 sets: Greek symbols, subscripts, superscripts', () => {
    expect(dec(`${ESC}ga${ESC}s-particle`).text).toBe('α-particle');
    expect(dec(`H${ESC}b2${ESC}sO`).text).toBe('H₂O');
    expect(dec(`A${ESC}p4${ESC}(B B${ESC}p2`).text).toBe('A⁴ B²');
  });

  it('decodes EACC (ESC $ 1) and treats a space inside it as a space', () => {
    const r = dec(`${ESC}$1!S+!#!${ESC}(B.`);
    expect(r.problems).toEqual([]);
    expect(r.text.length).toBe(3);
    expect(dec(`${ESC}$1!S+ !#!${ESC}(B`).text).toMatch(/^. .$/u);
  });

  it('decodes Greek, Hebrew and Arabic', () => {
    expect(dec(`${ESC}(SAa${ESC}(B`).text).toBe('Αα');
    expect(dec(`${ESC}(2\`${ESC}(B`).text).toBe('א');
    expect(dec(`${ESC}(3G${ESC}(B`).text).toBe('ا');
  });

  it('starts each call, and each subfield, at G0 = ASCII and G1 = ANSEL', () => {
    const b = bytes(`${ESC}(NmOSKWA\u001fbmOSKWA`);
    expect(decode(b, 0, b.length, 'marc8').text).toBe('Москва\u001fbmOSKWA');
    // the state does not leak into the next call
    const b2 = bytes(`${ESC}(Nm`);
    expect(decode(b2, 0, b2.length, 'marc8').text).toBe('М');
    expect(decode(b2, 3, 4, 'marc8').text).toBe('m');
  });

  it('keeps marks pending across an escape sequence', () => {
    expect(dec(`\xe8${ESC}(NE${ESC}(B`).text).toBe('ё');
  });

  it('reports bad and incomplete escape sequences as problems, not exceptions', () => {
    const cases: [string, string, number][] = [
      [`abc${ESC}`, 'abc\uFFFD', 3],
      [`a${ESC}(`, 'a\uFFFD', 1],
      [`a${ESC}(Zb`, 'a\uFFFDb', 1],
      [`a${ESC}$2b`, 'a\uFFFDb', 1],
      [`a${ESC}zb`, 'a\uFFFDb', 1],
      [`La Soci\xe2et${ESC},`, 'La Sociét\uFFFD', 10],
    ];
    for (const [input, text, offset] of cases) {
      const r = dec(input);
      expect(r.text).toBe(text);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]?.offset).toBe(offset);
      expect(r.problems[0]?.message).toMatch(/escape|ESC/);
    }
  });

  it('reports undefined bytes with their offset', () => {
    const r = dec('a\xc9b\xffc\x80');
    expect(r.text).toBe('a\uFFFDb\uFFFDc\uFFFD');
    expect(r.problems.map((p) => p.offset)).toEqual([1, 3, 5]);
    expect(r.problems[0]?.message).toMatch(/0xC9 is not defined in Extended Latin \(ANSEL\)/);
    const greek = dec(`${ESC}(S6${ESC}(B`);
    expect(greek.problems[0]?.message).toMatch(/Basic Greek/);
  });

  it('reports incomplete and unknown EACC characters', () => {
    const r = dec(`${ESC}$1!0${ESC}(Bx`);
    expect(r.text).toBe('\uFFFDx');
    expect(r.problems[0]?.message).toMatch(/incomplete East Asian/);
    const u = dec(`${ESC}$1~~~${ESC}(B`);
    expect(u.text).toBe('\uFFFD');
    expect(u.problems[0]?.message).toMatch(/not defined in East Asian/);
  });

  it('reports marks with no base and keeps them', () => {
    const end = dec('abc\xe2');
    expect(end.text).toBe('abc\u0301');
    expect(end.problems[0]).toMatchObject({ offset: 3 });
    const beforeDelimiter = dec('a\xe2\u001fbc');
    expect(beforeDelimiter.text).toBe('a\u0301\u001fbc');
    expect(beforeDelimiter.problems).toHaveLength(1);
  });

  it('decodes NSB/NSE and ZWJ/ZWNJ control bytes', () => {
    expect(dec('\x88The \x89cat\x8d\x8e').text).toBe('\u0098The \u009ccat\u200d\u200c');
  });
});

describe('MARC-8 encode', () => {
  it('writes ASCII as is', () => {
    expect(ascii(encode('10\u001faJack Collins', 'marc8'))).toBe('10\u001faJack Collins');
  });

  it('writes combining marks before the base (NFD first)', () => {
    expect(ascii(encode('Société', 'marc8'))).toBe('Soci\xe2et\xe2e');
    expect(ascii(encode('Łódź', 'marc8'))).toBe('\xa1\xe2od\xe2z');
    expect(ascii(encode('ậ', 'marc8'))).toBe('\xf2\xe3a');
  });

  it('uses precomposed characters MARC-8 has (ơ, ư) and marks for the rest', () => {
    expect(ascii(encode('ở', 'marc8'))).toBe('\xe0\xbc');
  });

  it('writes Cyrillic with escapes and returns to ASCII at the end', () => {
    expect(ascii(encode('Москва', 'marc8'))).toBe(`${ESC}(NmOSKWA${ESC}(B`);
    expect(ascii(encode('Москва : Наука, 1985', 'marc8'))).toBe(`${ESC}(NmOSKWA : nAUKA, 1985${ESC}(B`);
    expect(ascii(encode('Ёлки', 'marc8'))).toBe(`${ESC})Q\xe4${ESC}(NLKI${ESC}(B${ESC})E`);
  });

  it('returns to the default sets before every delimiter', () => {
    expect(ascii(encode('Абай\u001fbЖолы', 'marc8'))).toBe(`${ESC}(NaBAJ${ESC}(B\u001fb${ESC}(NvOLY${ESC}(B`);
  });

  it('uses technique 1 for Greek symbols, subscripts and superscripts', () => {
    expect(ascii(encode('α-particle, H₂O, 10²', 'marc8'))).toBe(`${ESC}ga${ESC}s-particle, H${ESC}b2${ESC}sO, 10${ESC}p2${ESC}s`);
  });

  it('round-trips realistic strings', () => {
    const samples = [
      'Основы гидравлического расчета инженерных сетей',
      'Ёлки. Съезд объёмных подъездов',
      'Абай жолы',
      'Ukraïna, Kyïv : Naukova dumka',
      'Ἀθῆναι, Ελληνικά',
      'Œuvres complètes de Molière, tome Ⅰ'.replace('Ⅰ', 'I'),
      '中国 文学',
      'Qaḍāʼ al-usrah : majallah mutakhaṣṣiṣah',
      'Grieg, Edvard, 1843-1907. Ŭtvalgte ŏ',
    ];
    for (const s of samples) {
      const b = encode(s, 'marc8');
      const r = decode(b, 0, b.length, 'marc8');
      expect(r.problems).toEqual([]);
      expect(r.text).toBe(s.normalize('NFC'));
    }
  });

  it('refuses Kazakh letters MARC-8 does not have', () => {
    expectUnmappable(() => encode('Қазақстан', 'marc8'), /U\+049A 'Қ' at index 0 .*marc8/);
    expectUnmappable(() => encode('Абай жолы: әдебиет', 'marc8'), /U\+04D9 'ә' at index 11/);
  });

  it('refuses what it cannot write instead of substituting', () => {
    expectUnmappable(() => encode('a\u001bb', 'marc8'), /U\+001B at index 1/);
    expectUnmappable(() => encode('\u0301abc', 'marc8'), /U\+0301 at index 0 .*without a base/);
    expectUnmappable(() => encode('x\uFFFD', 'marc8'), /U\+FFFD/);
    expectUnmappable(() => encode('😀', 'marc8'), /U\+1F600 '😀' at index 0/);
  });
});
