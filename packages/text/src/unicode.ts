/**
 * A character outside the blocks where every character is an NFC "starter"
 * that nothing composes with: Basic Latin to Spacing Modifier Letters
 * (U+0000–U+02FF), Cyrillic and its Supplement without the combining marks
 * U+0483–U+0489, General Punctuation, super- and subscripts and Currency
 * Symbols without the singletons U+2000/U+2001 (U+2002–U+20CF), and the
 * Letterlike Symbols before the singleton Ω (U+2100–U+2125, with №). Each of
 * those characters has canonical combining class 0 and NFC_Quick_Check = Yes,
 * so a text made only of them is in NFC (UAX #15, quick check) and the
 * normaliser need not run; test/unicode.test.ts checks every one of them.
 * Surrogates are outside, so astral characters take the slow path.
 */
export const MAY_NOT_BE_NFC = /[^\u0000-\u02ff\u0400-\u0482\u048a-\u052f\u2002-\u20cf\u2100-\u2125]/;

/** True when the text is already in Unicode Normalisation Form C. */
export function isNfc(text: string): boolean {
  // Latin, Cyrillic and punctuation alone are always NFC; skip the normaliser for them.
  return !MAY_NOT_BE_NFC.test(text) || text === text.normalize('NFC');
}

/** Control characters (C0 other than none, DEL, C1) that have no place in catalog data. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/gu;

/** A readable name for a character: `U+0009`. */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
