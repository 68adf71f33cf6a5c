import { describe, expect, it } from 'vitest';
import { codePointLength } from '../src/code-points.js';
import { MAY_NOT_BE_NFC, isNfc } from '../src/unicode.js';

/** Every BMP character that `isNfc` takes as NFC without running the normaliser. */
function fastPathCharacters(): string[] {
  const out: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) {
    const ch = String.fromCharCode(cp);
    if (!MAY_NOT_BE_NFC.test(ch)) out.push(ch);
  }
  return out;
}

describe('isNfc', () => {
  const fast = fastPathCharacters();

  it('takes the fast path for Latin, Cyrillic, Kazakh letters and punctuation, not for marks, singletons or surrogates', () => {
    for (const ch of 'AzÀÿəɵАяӘәҒғҚқҢңӨөҰұҮүҺһІіЁёЙй«»—–…№₸\u00a0\t') expect(fast).toContain(ch);
    for (const ch of ['\u0301', '\u0306', '\u0483', '\u2000', '\u2001', '\u2126', '\u212b', '\u0374', '\u037e', '\u1161', '\uf900', '\ud800', '\udc00']) expect(fast).not.toContain(ch);
  });

  it('is right to skip the normaliser: each fast-path character is NFC, a starter, and composes with nothing', () => {
    // Characters that follow another in some canonical decomposition: they may combine with what precedes them.
    const second = new Set<string>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const parts = [...String.fromCodePoint(cp).normalize('NFD')];
      for (let i = 1; i < parts.length; i++) second.add(parts[i]!);
    }
    const bad: string[] = [];
    for (const ch of fast) {
      const nfd = ch.normalize('NFD');
      // U+0345 has the highest combining class (240): a mark with a lower class after it would be moved before it.
      const starter = ('\u0345' + ch).normalize('NFD') === '\u0345' + nfd;
      if (ch.normalize('NFC') !== ch || !starter || second.has(ch)) bad.push(`U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    expect(bad).toEqual([]);
  });

  it('agrees with the normaliser on every pair of fast-path characters', () => {
    const bad: string[] = [];
    for (const a of fast) for (const b of fast) if ((a + b).normalize('NFC') !== a + b) bad.push(a + b);
    expect(bad).toEqual([]);
  });

  it('agrees with the normaliser on catalog text', () => {
    const samples = ['Абай жолы', 'Қазақстан', 'Ёлка', 'Е\u0308лка', 'и\u0306', 'Café', 'Cafe\u0301', 'Ångström \u212b', '', 'ASCII only', 'emoji 😀', 'lone \ud800', '№ 5 — 1500 ₸', 'Ω \u2126', 'ᄀ\u1161'];
    for (const s of samples) expect(isNfc(s), JSON.stringify(s)).toBe(s === s.normalize('NFC'));
  });
});

describe('codePointLength', () => {
  it('counts as the string iterator does', () => {
    for (const s of ['', 'abc', 'Абай', '😀', 'a😀b', '\ud800', '\udc00', '\ud800\ud800\udc00', '\udc00\ud800', 'x\ud83d', '240115s2023    kz            000 1 kaz d']) {
      expect(codePointLength(s), JSON.stringify(s)).toBe([...s].length);
    }
  });
});
