/** The writing systems kitap tells apart in catalog text. */
export type Script = 'latin' | 'cyrillic' | 'other';

/** Letters of the Kazakh Cyrillic alphabet that Russian does not have. */
export const KAZAKH_LETTERS = 'ӘәҒғҚқҢңӨөҰұҮүҺһІі';

const KAZAKH_SET = new Set(KAZAKH_LETTERS);

/** The script of one character: Latin and Cyrillic letters (with their extensions), else `other`. */
export function scriptOf(char: string): Script {
  return scriptOfCode(char.codePointAt(0) ?? 0);
}

/** `scriptOf` for a code point (or a UTF-16 unit: surrogates are `other`, as are the astral characters they make). */
function scriptOfCode(c: number): Script {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return 'latin';
  if (c < 0xc0) return 'other';
  if (c <= 0x24f && c !== 0xd7 && c !== 0xf7) return 'latin'; // Latin-1 letters, Extended-A and -B
  if (c >= 0x250 && c <= 0x2af) return 'latin'; // IPA extensions: ə, ɵ
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if (c >= 0x1e00 && c <= 0x1eff) return 'latin';
  return 'other';
}

export function isKazakhLetter(char: string): boolean {
  return KAZAKH_SET.has(char);
}

/** True when the text has at least one letter that only Kazakh Cyrillic uses. */
export function hasKazakhLetters(text: string): boolean {
  for (const ch of text) if (KAZAKH_SET.has(ch)) return true;
  return false;
}

/** Counts of Latin and Cyrillic letters in a text. */
export function scriptCounts(text: string): { latin: number; cyrillic: number } {
  let latin = 0;
  let cyrillic = 0;
  // By UTF-16 unit: the two halves of an astral character are `other`, as the character is.
  for (let i = 0; i < text.length; i++) {
    const s = scriptOfCode(text.charCodeAt(i));
    if (s === 'latin') latin++;
    else if (s === 'cyrillic') cyrillic++;
  }
  return { latin, cyrillic };
}

/** The script most letters of the text are in; `other` when it has no Latin or Cyrillic letters or a tie. */
export function dominantScript(text: string): Script {
  const { latin, cyrillic } = scriptCounts(text);
  if (latin > cyrillic) return 'latin';
  if (cyrillic > latin) return 'cyrillic';
  return 'other';
}
