/**
 * Which character set a text table (CSV, XML without a declaration) is in.
 *
 * Order of evidence: the encoding the caller gave; a byte-order mark; the
 * bytes of the first 64 KiB (extended up to 1 MiB while they are plain
 * ASCII). The bytes are judged by `detectCharset` from @kitap/marc: valid
 * UTF-8 with non-ASCII characters is UTF-8; otherwise every single-byte
 * reading is scored by how plausible the text is as Russian or Kazakh (letter
 * frequencies, letter case inside words, box-drawing and undefined bytes).
 * cp1251, rk1048 and pt154 agree on the Russian alphabet: without bytes at the
 * Kazakh letters' positions they read the same and cp1251 is chosen; with such
 * bytes the table in which they are Kazakh letters inside Cyrillic words wins.
 */
import { decode, detectCharset, type CharsetName } from '@kitap/marc';
import { KAZAKH_LETTERS, scriptCounts } from '@kitap/text';
import type { ByteSource, Sample } from './byte-source.js';
import { inputError } from './input-error.js';
import type { EncodingSource } from './table-types.js';

/** Bytes judged first. */
export const SAMPLE_SIZE = 64 * 1024;
/** How far the sample grows while it is plain ASCII. */
export const MAX_SAMPLE_SIZE = 1024 * 1024;

/** A byte-order mark at the start of the input. */
export type Bom = { charset: 'utf-8'; length: 3 } | { charset: 'unsupported'; name: string; length: number };

/** The byte-order mark the bytes start with, if any. UTF-16 and UTF-32 are recognised only to be refused by name. */
export function sniffBom(bytes: Uint8Array): Bom | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { charset: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { charset: 'unsupported', name: 'UTF-32LE', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { charset: 'unsupported', name: 'UTF-32BE', length: 4 };
  if (a === 0xff && b === 0xfe) return { charset: 'unsupported', name: 'UTF-16LE', length: 2 };
  if (a === 0xfe && b === 0xff) return { charset: 'unsupported', name: 'UTF-16BE', length: 2 };
  return undefined;
}

/** The encoding chosen for a text input, and how. */
export interface EncodingChoice {
  charset: CharsetName;
  source: EncodingSource;
  /** Bytes of a UTF-8 byte-order mark to skip (0 or 3). */
  bomLength: number;
  /** One line for the run summary. */
  note: string;
}

/** "64 KiB", "the whole file (1 234 bytes)". */
export function describeSample(length: number, complete: boolean): string {
  if (complete) return `the whole file (${length} bytes)`;
  if (length % 1024 === 0 && length >= 1024) return length % (1024 * 1024) === 0 ? `the first ${length / (1024 * 1024)} MiB` : `the first ${length / 1024} KiB`;
  return `the first ${length} bytes`;
}

/**
 * The sample without a character cut in two at its end (when the input goes
 * on), so that a UTF-8 file is not mistaken for a legacy one because of its
 * 65,536th byte. Cuts after the last line break when there is one.
 */
export function wholeCharacters(bytes: Uint8Array, complete: boolean): Uint8Array {
  if (complete) return bytes;
  const lf = bytes.lastIndexOf(0x0a);
  if (lf >= 0) return bytes.subarray(0, lf + 1);
  let end = bytes.length;
  let back = 0;
  while (end > 0 && back < 3 && ((bytes[end - 1] as number) & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && (bytes[end - 1] as number) >= 0xc0) end--;
  return bytes.subarray(0, end);
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

const KAZAKH = new Set(KAZAKH_LETTERS);
const SAME_RUSSIAN: readonly CharsetName[] = ['cp1251', 'rk1048', 'pt154'];

/** Letters in the text, for the note. */
function letterCounts(text: string): { cyrillic: number; kazakh: number } {
  let kazakh = 0;
  for (const ch of text) if (KAZAKH.has(ch)) kazakh++;
  return { cyrillic: scriptCounts(text).cyrillic, kazakh };
}

/**
 * Detects the charset of a sample of a text table. `complete` says whether the
 * sample is the whole input; `where` describes the sample in the note (by
 * default "the first 64 KiB"). Returns the charset and a note for the summary.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean, where = describeSample(sample.length, complete)): { charset: CharsetName; note: string } {
  const bytes = wholeCharacters(sample, complete);
  if (isAscii(bytes)) {
    return {
      charset: 'utf-8',
      note: `encoding utf-8 assumed: ${where} is plain ASCII, which every supported encoding reads the same way (pass the encoding if later rows show U+FFFD)`,
    };
  }
  const detection = detectCharset(bytes);
  let charset = detection.charset;
  let doubt = detection.confidence === 'guess' ? ` (a guess: ${detection.reason})` : '';
  if (charset === 'marc8') {
    // MARC-8 never appears in spreadsheets and 1C exports: its scoring won only because no Cyrillic reading fits.
    charset = 'cp1251';
    doubt = ` (a guess: no reading looks like Russian or Kazakh text; ${detection.reason})`;
  }
  const text = decode(bytes, 0, bytes.length, charset).text;
  const { cyrillic, kazakh } = letterCounts(text);
  let letters = `${cyrillic} Cyrillic letters`;
  if (kazakh > 0) letters += `, ${kazakh} of them Kazakh`;
  else if (cyrillic > 0) letters += ', no Kazakh letters';
  if (charset === 'utf-8') letters = `valid UTF-8; ${letters}`;
  let same = '';
  if (SAME_RUSSIAN.includes(charset)) {
    const alike = SAME_RUSSIAN.filter((cs) => cs !== charset && decode(bytes, 0, bytes.length, cs).text === text);
    if (alike.length > 0) same = `; ${alike.join(' and ')} read these bytes the same way`;
  }
  return { charset, note: `encoding ${charset} detected from ${where}: ${letters}${same}${doubt}` };
}

/**
 * Chooses the encoding of a text input: `given`, else a UTF-8 byte-order
 * mark, else detection from a sample. Throws E_INPUT for UTF-16 and UTF-32
 * (not supported: the readers count bytes in an ASCII-compatible encoding).
 */
export async function chooseTextEncoding(file: string, source: ByteSource, given: CharsetName | undefined): Promise<EncodingChoice> {
  // a given encoding needs only the first bytes, for a byte-order mark
  let sample: Sample = await source.sample(given === undefined ? SAMPLE_SIZE : 4);
  const bom = sniffBom(sample.bytes);
  if (bom?.charset === 'unsupported') {
    throw inputError(file, `the file is in ${bom.name} (it starts with a ${bom.name} byte-order mark), which kitap does not read; save it as UTF-8 (Excel: "CSV UTF-8") or as .xlsx`, { offset: 0 });
  }
  const bomLength = bom !== undefined && (given === undefined || given === 'utf-8') ? bom.length : 0;
  if (given !== undefined) {
    const mismatch = bom !== undefined && given !== 'utf-8' ? `; the file starts with a UTF-8 byte-order mark, which was not skipped` : '';
    return { charset: given, source: 'given', bomLength, note: `encoding ${given} (given)${mismatch}` };
  }
  if (bom !== undefined) return { charset: 'utf-8', source: 'bom', bomLength, note: 'encoding utf-8 (the file starts with a UTF-8 byte-order mark)' };
  while (!sample.complete && sample.bytes.length < MAX_SAMPLE_SIZE && isAscii(sample.bytes)) {
    sample = await source.sample(Math.min(MAX_SAMPLE_SIZE, sample.bytes.length * 4));
  }
  const { charset, note } = detectEncoding(sample.bytes, sample.complete);
  return { charset, source: 'detected', bomLength: 0, note };
}
