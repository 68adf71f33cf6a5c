/**
 * The words probable-misprint counts in a text: lower case, letters only; a
 * compound joined by a hyphen or an apostrophe ("учебно-методическое") stays
 * one word, so its first part is not taken for a misprint of another word.
 *
 * Titles and subjects are counted in every record, so the usual text — Basic
 * Latin, Latin-1, Cyrillic and common punctuation — is scanned by hand here;
 * any other character sends the whole text to the general path with Unicode
 * properties, which gives the same words (test/counted-words.test.ts checks
 * the two agree).
 */
import { codePointLength, isNfc, words } from '@kitap/text';

/** A word of letters only, joined by hyphens or apostrophes (no combining mark left after NFC). */
const LETTERS_ONLY = /^\p{L}+(?:['’-]\p{L}+)*$/u;

const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
const RIGHT_QUOTE = 0x2019;

function isJoiner(c: number): boolean {
  return c === APOSTROPHE || c === HYPHEN || c === RIGHT_QUOTE;
}

/**
 * 1 for a letter, 0 for a character that is neither a letter nor a combining
 * mark, -1 for anything the hand scan does not know (the general path
 * decides). Every character it knows is in NFC and stays what it is when
 * lowercased (a letter's lower case is a letter of the same block).
 */
function kind(c: number): number {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? 1 : 0;
  if (c < 0xa0) return -1;
  if (c <= 0xff) return c >= 0xc0 ? (c === 0xd7 || c === 0xf7 ? 0 : 1) : c === 0xaa || c === 0xb5 || c === 0xba ? 1 : 0;
  if (c >= 0x400 && c <= 0x52f) return c === 0x482 ? 0 : c >= 0x483 && c <= 0x489 ? -1 : 1;
  // General Punctuation without the two spaces NFC replaces, and the numero sign.
  if ((c >= 0x2002 && c <= 0x206f) || c === 0x2116) return 0;
  return -1;
}

/** The counted words of `text` (appended to `out`), or undefined when a character needs the general path. */
function scan(text: string, minLength: number, out: string[]): string[] | undefined {
  const length = text.length;
  const found: string[] = [];
  let i = 0;
  while (i < length) {
    const k = kind(text.charCodeAt(i));
    if (k < 0) return undefined;
    if (k === 0) {
      i++;
      continue;
    }
    // A word: letters, and a joiner only between letters.
    const start = i;
    let joiners = 0;
    for (;;) {
      i++;
      if (i >= length) break;
      const c = text.charCodeAt(i);
      const next = kind(c);
      if (next < 0) return undefined;
      if (next === 1) continue;
      if (!isJoiner(c) || i + 1 >= length) break;
      const after = kind(text.charCodeAt(i + 1));
      if (after < 0) return undefined;
      if (after !== 1) break;
      joiners++;
    }
    if (i - start - joiners >= minLength) found.push(text.slice(start, i).toLowerCase());
  }
  for (const w of found) out.push(w);
  return out;
}

/** The letters of a word made of letters and joiners: its code points that are not a hyphen or an apostrophe. */
function letterCount(word: string): number {
  let joiners = 0;
  for (let i = 0; i < word.length; i++) if (isJoiner(word.charCodeAt(i))) joiners++;
  return codePointLength(word) - joiners;
}

/** The general path: words by Unicode properties, after NFC. */
export function countedWordsByProperties(text: string, minLength: number, out: string[] = []): string[] {
  for (const w of words(isNfc(text) ? text : text.normalize('NFC'))) {
    // A word shorter in code units is shorter in letters too.
    if (w.text.length < minLength) continue;
    const word = w.text.toLowerCase();
    if (LETTERS_ONLY.test(word) && letterCount(word) >= minLength) out.push(word);
  }
  return out;
}

/** The counted words of a text of at least `minLength` letters each, appended to `out`. */
export function countedWords(text: string, minLength: number, out: string[] = []): string[] {
  return scan(text, minLength, out) ?? countedWordsByProperties(text, minLength, out);
}
