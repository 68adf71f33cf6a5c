import { decode, type CharsetName } from '@kitap/marc';

/** Text of a byte range, and how many places could not be decoded (each became U+FFFD). */
export function decodeRange(bytes: Uint8Array, start: number, end: number, charset: CharsetName): { text: string; bad: number } {
  if (start >= end) return { text: '', bad: 0 };
  const r = decode(bytes, start, end, charset);
  return { text: r.text, bad: r.problems.length };
}

/** The row warning for `bad` undecodable places, or undefined when there are none. */
export function decodingWarning(bad: number, charset: CharsetName): string | undefined {
  if (bad === 0) return undefined;
  return `${bad} byte sequence(s) not valid in ${charset} were replaced by U+FFFD`;
}

/** "'Б'" or "U+0007" — one character for a message. */
export function describeCharacter(ch: string | undefined): string {
  if (ch === undefined || ch === '') return 'the end of the file';
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfffd) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(cp)}'`;
}
