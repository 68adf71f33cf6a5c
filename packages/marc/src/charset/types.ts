import { KitapError } from '@kitap/core';
import type { CharsetName } from './names.js';

/** One place where bytes could not be decoded faithfully. */
export interface DecodeProblem {
  /** Byte offset relative to the `start` passed to decode(). */
  offset: number;
  message: string;
}

export interface DecodeResult {
  text: string;
  problems: DecodeProblem[];
}

/** "U+049A 'Қ'" — printable form of a code point for messages. */
export function describeCodePoint(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  // controls, surrogates and combining marks are shown by number only
  const printable = cp > 0x20 && !(cp >= 0x7f && cp <= 0x9f) && !(cp >= 0xd800 && cp <= 0xdfff) && !/\p{M}/u.test(String.fromCodePoint(cp));
  return printable ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}

export function hexByte(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The E_UNMAPPABLE error for the character at `index` of the encoded text. */
export function unmappable(cp: number, index: number, charset: CharsetName, note = ''): KitapError {
  return new KitapError(
    'E_UNMAPPABLE',
    `${describeCodePoint(cp)} at index ${index} cannot be represented in ${charset}${note}`,
  );
}
