/**
 * MarcEdit (MARCMaker/MARCBreaker) character mnemonics: `{name}` stands for
 * one MARC-8 character. The names are those of the LC MARCMaker character
 * list, as found in MarcEdit's MARCBreaker output (marc4j's brkrtest.mrk uses
 * every name below but {esc}, {joiner}, {nonjoin}, {eszett}, {euro}).
 *
 * Text is decoded in one of two ways:
 * - a value made of ASCII only (a `.mrk` file written for MARC-8) is taken as
 *   MARC-8: each mnemonic becomes its MARC-8 byte and the bytes go through the
 *   MARC-8 decoder (so `{esc}` escape sequences, Cyrillic sets and all, work
 *   and combining marks move after their base, composed to NFC as MARC-8
 *   conversion does elsewhere in kitap);
 * - a value with UTF-8 text (a `.mrk8` file) keeps its text; mnemonics in it
 *   become their Unicode character (marks are moved after their base).
 * A `{…}` that is not a known name is literal text: `.mrk8` files hold
 * literal braces (`{text}`).
 */
import { KitapError } from '@kitap/core';
import { decodeMarc8, encodeMarc8 } from '../charset/marc8.js';
import { MARC8_SINGLE_BYTE_SETS } from '../charset/marc8-tables.generated.js';

/** Name → MARC-8 byte (ASCII range, C1 controls, ANSEL). */
export const MNEMONIC_BYTES: ReadonlyMap<string, number> = new Map([
  // ASCII characters that mnemonic text cannot hold literally
  ['dollar', 0x24],
  ['lcub', 0x7b],
  ['rcub', 0x7d],
  ['bsol', 0x5c],
  ['esc', 0x1b],
  // C1 controls
  ['joiner', 0x8d],
  ['nonjoin', 0x8e],
  // ANSEL: spacing characters
  ['Lstrok', 0xa1],
  ['Ostrok', 0xa2],
  ['Dstrok', 0xa3],
  ['THORN', 0xa4],
  ['AElig', 0xa5],
  ['OElig', 0xa6],
  ['softsign', 0xa7],
  ['middot', 0xa8],
  ['flat', 0xa9],
  ['reg', 0xaa],
  ['plusmn', 0xab],
  ['Ohorn', 0xac],
  ['Uhorn', 0xad],
  ['mlrhring', 0xae],
  ['mllhring', 0xb0],
  ['lstrok', 0xb1],
  ['ostrok', 0xb2],
  ['dstrok', 0xb3],
  ['thorn', 0xb4],
  ['aelig', 0xb5],
  ['oelig', 0xb6],
  ['hardsign', 0xb7],
  ['inodot', 0xb8],
  ['pound', 0xb9],
  ['eth', 0xba],
  ['ohorn', 0xbc],
  ['uhorn', 0xbd],
  ['deg', 0xc0],
  ['scriptl', 0xc1],
  ['phono', 0xc2],
  ['copy', 0xc3],
  ['sharp', 0xc4],
  ['iquest', 0xc5],
  ['iexcl', 0xc6],
  ['eszett', 0xc7],
  ['euro', 0xc8],
  // ANSEL: combining marks (written before their base)
  ['hooka', 0xe0],
  ['grave', 0xe1],
  ['acute', 0xe2],
  ['circ', 0xe3],
  ['tilde', 0xe4],
  ['macr', 0xe5],
  ['breve', 0xe6],
  ['dot', 0xe7],
  ['uml', 0xe8],
  ['caron', 0xe9],
  ['ring', 0xea],
  ['llig', 0xeb],
  ['rlig', 0xec],
  ['rcommaa', 0xed],
  ['dblac', 0xee],
  ['candra', 0xef],
  ['cedil', 0xf0],
  ['ogon', 0xf1],
  ['dotb', 0xf2],
  ['dbldotb', 0xf3],
  ['ringb', 0xf4],
  ['dblunder', 0xf5],
  ['under', 0xf6],
  ['commab', 0xf7],
  ['rcedil', 0xf8],
  ['breveb', 0xf9],
  ['ldbltil', 0xfa],
  ['rdbltil', 0xfb],
  ['commaa', 0xfe],
]);

/** MARC-8 byte → name (the first name listed wins). */
export const MNEMONIC_NAMES: ReadonlyMap<number, string> = new Map([...MNEMONIC_BYTES].map(([name, byte]) => [byte, name] as const).reverse());

const ANSEL = MARC8_SINGLE_BYTE_SETS.find((s) => s.final === 'E')!;

/** The Unicode character of a mnemonic for UTF-8 text, and whether it is a combining mark. */
function unicodeOf(byte: number): { char: string; mark: boolean } | undefined {
  if (byte < 0x80) return byte === 0x1b ? undefined : { char: String.fromCharCode(byte), mark: false };
  if (byte === 0x8d) return { char: '\u200d', mark: false };
  if (byte === 0x8e) return { char: '\u200c', mark: false };
  const char = ANSEL.chars[byte - 0xa0];
  if (char === undefined || char === '\u0000') return undefined;
  return { char, mark: ANSEL.combining.includes(byte & 0x7f) };
}

const NAME = /\{([A-Za-z]+)\}/g;

/** Does `{` at `index` of `text` start a known mnemonic (so that a literal `{` there must be written {lcub})? */
export function startsMnemonic(text: string, index: number): boolean {
  const match = /^\{([A-Za-z]+)\}/.exec(text.slice(index, index + 12));
  return match !== null && MNEMONIC_BYTES.has(match[1]!);
}

export interface DecodedMnemonics {
  value: string;
  /** A mnemonic for a character beyond ASCII was converted (the text came from a legacy character set). */
  converted: boolean;
  /** Why the text could not be decoded faithfully. */
  error?: string;
}

/** Decodes mnemonic text (see the module comment for the two ways). */
export function decodeMnemonics(text: string): DecodedMnemonics {
  if (!text.includes('{')) return { value: text, converted: false };
  const ascii = !/[^\x00-\x7f]/.test(text);
  let simple = true;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(text); m; m = NAME.exec(text)) {
    const byte = MNEMONIC_BYTES.get(m[1]!);
    if (byte !== undefined && (byte >= 0x80 || byte === 0x1b)) simple = false;
  }
  if (simple) {
    // Only {dollar} {lcub} {rcub} {bsol}: plain substitution.
    return { value: text.replace(NAME, (all, name: string) => (MNEMONIC_BYTES.has(name) ? String.fromCharCode(MNEMONIC_BYTES.get(name)!) : all)), converted: false };
  }
  return ascii ? decodeAsMarc8(text) : decodeAsUnicode(text);
}

function decodeAsMarc8(text: string): DecodedMnemonics {
  const bytes: number[] = [];
  let last = 0;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(text); m; m = NAME.exec(text)) {
    const byte = MNEMONIC_BYTES.get(m[1]!);
    if (byte === undefined) continue;
    for (let i = last; i < m.index; i++) bytes.push(text.charCodeAt(i));
    bytes.push(byte);
    last = m.index + m[0].length;
  }
  for (let i = last; i < text.length; i++) bytes.push(text.charCodeAt(i));
  const result = decodeMarc8(Uint8Array.from(bytes), 0, bytes.length);
  const out: DecodedMnemonics = { value: result.text, converted: true };
  if (result.problems.length > 0) out.error = `MARC-8 text in mnemonics: ${result.problems.map((p) => p.message).join('; ')}`;
  return out;
}

function decodeAsUnicode(text: string): DecodedMnemonics {
  let out = '';
  let marks = '';
  let error: string | undefined;
  let last = 0;
  const flushText = (chunk: string): void => {
    if (marks && chunk) {
      // marks written before their base go after it
      const base = String.fromCodePoint(chunk.codePointAt(0)!);
      out += base + marks + chunk.slice(base.length);
      marks = '';
    } else {
      out += chunk;
    }
  };
  NAME.lastIndex = 0;
  for (let m = NAME.exec(text); m; m = NAME.exec(text)) {
    const byte = MNEMONIC_BYTES.get(m[1]!);
    if (byte === undefined) continue;
    flushText(text.slice(last, m.index));
    last = m.index + m[0].length;
    const u = unicodeOf(byte);
    if (!u) {
      error ??= `{${m[1]}} (a MARC-8 escape) cannot be used in a line that has UTF-8 text`;
      continue;
    }
    if (u.mark) marks += u.char;
    else flushText(u.char);
  }
  flushText(text.slice(last));
  out += marks;
  const result: DecodedMnemonics = { value: out, converted: true };
  if (error !== undefined) result.error = error;
  return result;
}

/**
 * Encodes text as MARC-8 written in mnemonics (a `.mrk` file): ASCII stays,
 * `$ { }` and every byte beyond ASCII become `{name}`. Throws E_UNMAPPABLE for
 * what MARC-8 cannot hold or what has no mnemonic name.
 */
export function encodeMnemonicsMarc8(text: string): string {
  const bytes = encodeMarc8(text);
  let out = '';
  for (const b of bytes) {
    if (b === 0x24 || b === 0x7b || b === 0x7d || b === 0x1b || b >= 0x80) {
      const name = MNEMONIC_NAMES.get(b);
      if (name === undefined) {
        throw new KitapError('E_UNMAPPABLE', `the MARC-8 byte 0x${b.toString(16).toUpperCase()} of ${JSON.stringify(text.slice(0, 40))} has no mnemonic name`);
      }
      out += `{${name}}`;
    } else {
      out += String.fromCharCode(b);
    }
  }
  return out;
}
