/** True when the text is already in Unicode Normalisation Form C. */
export function isNfc(text: string): boolean {
  // Pure ASCII is always NFC; skip the normaliser for it.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return text === text.normalize('NFC');
  return true;
}

/** Control characters (C0 other than none, DEL, C1) that have no place in catalog data. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/gu;

/** A readable name for a character: `U+0009`. */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
