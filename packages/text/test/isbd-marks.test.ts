import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, endsWithAbbreviation, isCommonLetter, withEndMark, withoutEndMark, type IsbdMark } from '../src/isbd-marks.js';

/** endsWithAbbreviation as first written, with one search over the whole text: the quick reading must agree with it. */
function byExpression(text: string): boolean {
  const m = /(?:^|[\s(["«]|\d-)([\p{L}.]*\p{L})\.$/u.exec(text);
  if (!m) return false;
  const token = m[1]!;
  const last = token.slice(token.lastIndexOf('.') + 1);
  if ([...last].length === 1) return true;
  return ABBREVIATIONS.has(token.toLowerCase()) || ABBREVIATIONS.has(last.toLowerCase());
}

/** Pieces catalog values end with, and characters that could trip a quick reading (other scripts, marks, astral letters, surrogates). */
const PIECES = [
  'Изд', 'изд', 'с', 'б', 'ил', 'сурет', 'т.б', 'и др', 'ill', 'cm', 'vol', 'М', 'Алматы', '318', '2', '-', '-е', ' ', '\u00a0', '\t', '.', '..', '…',
  '(', '[', '"', '«', '»', ':', ';', '/', '=', ',', '+', '—', 'Δ', 'λόγος', 'ӷ', 'й', 'и\u0306', '\u0301', '𝐀', '\ud800', '\udc00', 'x', 'É',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join(''));

describe('endsWithAbbreviation', () => {
  it('reads Latin and Cyrillic letters as letters', () => {
    const bad: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isCommonLetter(c) && !/\p{L}/u.test(String.fromCharCode(c))) bad.push(c.toString(16));
    expect(bad).toEqual([]);
  });

  it('finds the abbreviations of catalog values', () => {
    for (const s of ['318 с.', 'Изд.', 'М.', 'и др.', 'т.б.', '24 cm.', '2-е изд.', '(т.б.', 'ill.', '«Изд.']) expect(endsWithAbbreviation(s), s).toBe(true);
    for (const s of ['Алматы.', 'Жазушы', '2019.', 'сурет..', 'Алматы .', '']) expect(endsWithAbbreviation(s), s).toBe(false);
  });

  it('agrees with the expression it stands for', () => {
    fc.assert(fc.property(text, (s) => endsWithAbbreviation(s) === byExpression(s) && endsWithAbbreviation(s + '.') === byExpression(s + '.')), { numRuns: 20000 });
  });
});

describe('withEndMark and withoutEndMark keep a value that ends right as it is', () => {
  it('leaves a value with its mark alone', () => {
    expect(withEndMark('Алматы :', ' :')).toBe('Алматы :');
    expect(withEndMark('318 с. :', ' :')).toBe('318 с. :');
    expect(withEndMark('Жазушы,', ',')).toBe('Жазушы,');
    expect(withEndMark('2019.', '.')).toBe('2019.');
    expect(withoutEndMark('29 см')).toBe('29 см');
    expect(withoutEndMark('24 cm.')).toBe('24 cm.');
    expect(withoutEndMark('Алматы.', { keepPeriod: true })).toBe('Алматы.');
  });

  it('still repairs the others', () => {
    expect(withEndMark('Алматы', ' :')).toBe('Алматы :');
    expect(withEndMark('Алматы. :', ' :')).toBe('Алматы :');
    expect(withEndMark('2019..', '.')).toBe('2019.');
    expect(withoutEndMark('Алматы.')).toBe('Алматы');
    expect(withoutEndMark('Алматы :')).toBe('Алматы');
  });

  it('gives what the full repair gives, for any value', () => {
    const marks: IsbdMark[] = [' :', ' ;', ' /', ' =', ' +', ',', '.'];
    fc.assert(
      fc.property(text, fc.constantFrom(...marks), fc.constantFrom(undefined, '.?!)]-', '.?!…"»”\'-'), (s, mark, terminals) => {
        const options = terminals === undefined ? {} : { terminals };
        return (
          withEndMark(s, mark, options) === fullWithEndMark(s, mark, options.terminals) &&
          withoutEndMark(s) === fullWithoutEndMark(s, false) &&
          withoutEndMark(s, { keepPeriod: true }) === fullWithoutEndMark(s, true)
        );
      }),
      { numRuns: 20000 },
    );
  });
});

// withEndMark and withoutEndMark as first written, without their quick paths.

function stripMarks(value: string): string {
  let s = value.trimEnd();
  for (;;) {
    const m = /\s*[:;/=,]$/.exec(s) ?? /\s+\+$/.exec(s);
    if (!m) return s;
    if (m.index === 0) return '';
    s = s.slice(0, m.index).trimEnd();
  }
}

const ellipsis = (s: string): boolean => s.endsWith('…') || s.endsWith('...');

function stripPeriods(value: string): string {
  let s = value;
  while (s.endsWith('.') && !ellipsis(s) && !byExpression(s) && s.length > 1) s = s.slice(0, -1).trimEnd();
  while (s.endsWith('..') && !ellipsis(s)) s = s.slice(0, -1);
  return s;
}

function fullWithEndMark(value: string, mark: IsbdMark, terminals = '.?!…'): string {
  const stripped = stripMarks(value);
  if (stripped === '' || /^[\s.]*$/u.test(stripped)) return value;
  if (mark === '.') {
    let s = stripped;
    while (s.endsWith('..') && !ellipsis(s)) s = s.slice(0, -1);
    return terminals.includes(s.slice(-1)) ? s : s + '.';
  }
  const core = stripPeriods(stripped);
  return core === '' ? value : core + mark;
}

function fullWithoutEndMark(value: string, keepPeriod: boolean): string {
  let s = value;
  for (;;) {
    const before = s;
    s = stripMarks(s).replace(/\.?\s+[-–—]+$/u, (m) => (m.startsWith('.') ? '.' : ''));
    if (!keepPeriod) s = stripPeriods(s);
    if (s === before) break;
  }
  return s === '' || /^[\s.]*$/u.test(s) ? value : s;
}
