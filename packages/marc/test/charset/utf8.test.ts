import { KitapError } from '@kitap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/charset/index.js';

const te = new TextEncoder();
const reference = new TextDecoder('utf-8', { ignoreBOM: true });

function dec(bytes: number[]): ReturnType<typeof decode> {
  const b = Uint8Array.from(bytes);
  return decode(b, 0, b.length, 'utf-8');
}

describe('utf-8 decode', () => {
  it('decodes valid text without problems', () => {
    const t = 'Қазақстан Республикасының тарихы — Ёлки, 😀, 中文';
    const b = te.encode(t);
    expect(decode(b, 0, b.length, 'utf-8')).toEqual({ text: t, problems: [] });
  });

  it('keeps a byte-order mark as U+FEFF (no silent stripping)', () => {
    expect(dec([0xef, 0xbb, 0xbf, 0x41]).text).toBe('\uFEFFA');
  });

  it('decodes a sub-range with offsets relative to start', () => {
    const b = Uint8Array.from([0x41, 0x41, 0xd0, 0x90, 0xff, 0xd0, 0x91]);
    const r = decode(b, 2, b.length, 'utf-8');
    expect(r.text).toBe('А\uFFFDБ');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.offset).toBe(2);
  });

  it.each([
    ['stray continuation byte', [0x41, 0x80, 0x42], 'A\uFFFDB', [1]],
    ['byte never valid', [0xff, 0x41], '\uFFFDA', [0]],
    ['overlong C0 80', [0xc0, 0x80], '\uFFFD\uFFFD', [0, 1]],
    ['overlong E0 80 80', [0xe0, 0x80, 0x80], '\uFFFD\uFFFD\uFFFD', [0, 1, 2]],
    ['surrogate ED A0 80', [0xed, 0xa0, 0x80], '\uFFFD\uFFFD\uFFFD', [0, 1, 2]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\uFFFD\uFFFD\uFFFD\uFFFD', [0, 1, 2, 3]],
    ['truncated at the end', [0x41, 0xe2, 0x82], 'A\uFFFD', [1]],
    ['broken by ASCII', [0xe2, 0x82, 0x41], '\uFFFDA', [0]],
    ['cp1251 bytes', [0xc0, 0xe1, 0xe0, 0xe9], '\uFFFD\uFFFD\uFFFD\uFFFD', [0, 1, 2, 3]],
  ])('%s → U+FFFD and a problem per invalid sequence', (_name, bytes, text, offsets) => {
    const r = dec(bytes);
    expect(r.text).toBe(text);
    expect(r.problems.map((p) => p.offset)).toEqual(offsets);
    for (const p of r.problems) expect(p.message).toMatch(/invalid UTF-8/);
  });

  it('replaces exactly like TextDecoder and reports every U+FFFD it introduces (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = decode(bytes, 0, bytes.length, 'utf-8');
        const expected = reference.decode(bytes);
        expect(r.text).toBe(expected);
        const replaced = [...expected].filter((c) => c === '\uFFFD').length;
        expect(r.problems.length).toBe(replaced - countLiteralFffd(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});

/** U+FFFD that was really in the input (EF BF BD), not a replacement. */
function countLiteralFffd(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  return n;
}

describe('utf-8 encode', () => {
  it('encodes any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const b = encode(s, 'utf-8');
        expect(decode(b, 0, b.length, 'utf-8')).toEqual({ text: s, problems: [] });
      }),
    );
  });

  it('refuses a lone surrogate instead of writing EF BF BD', () => {
    let error: unknown;
    try {
      encode('ab\uD800c', 'utf-8');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KitapError);
    expect((error as KitapError).code).toBe('E_UNMAPPABLE');
    expect((error as KitapError).message).toMatch(/U\+D800 at index 2/);
  });
});
