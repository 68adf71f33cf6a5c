import { KitapError } from '@kitap/core';
import { chunksOf } from './byte-input.js';
import { iso2709Encoder, type Iso2709WriteOptions } from './iso2709/writer.js';
import { readIso2709, type Iso2709ReadOptions } from './iso2709/reader.js';
import { readMarcXml } from './marcxml/reader.js';
import { marcXmlEncoder } from './marcxml/writer.js';
import { readMij } from './mij/reader.js';
import { mijEncoder } from './mij/writer.js';
import { readMrk } from './mrk/reader.js';
import { mrkEncoder } from './mrk/writer.js';
import type { ByteInput, ReadItem, RecordEncoder } from './read-types.js';

export const INPUT_FORMATS = ['iso2709', 'marcxml', 'mij', 'mrk'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export const OUTPUT_FORMATS = ['iso2709', 'marcxml', 'mij', 'ndjson', 'mrk'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Guesses the format from the first bytes of the input (after a BOM and blanks). */
export function sniffFormat(head: Uint8Array): InputFormat | undefined {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  const b = head[i];
  if (b === undefined) return undefined;
  if (b === 0x3c) return 'marcxml'; // <
  if (b === 0x7b || b === 0x5b) return 'mij'; // { [
  if (b === 0x3d) return 'mrk'; // =
  if (b >= 0x30 && b <= 0x39) return 'iso2709';
  return undefined;
}

/** The format a file name suggests, if any. */
export function formatFromName(name: string): InputFormat | undefined {
  const lower = name.toLowerCase();
  if (/\.(mrc|marc|iso|iso2709|dat|001)$/.test(lower)) return 'iso2709';
  if (/\.(xml|marcxml)$/.test(lower)) return 'marcxml';
  if (/\.(json|ndjson|ndj|jsonl|mij)$/.test(lower)) return 'mij';
  if (/\.(mrk|mrk8|txt)$/.test(lower)) return 'mrk';
  return undefined;
}

export function outputFormatFromName(name: string): OutputFormat | undefined {
  const lower = name.toLowerCase();
  if (/\.(ndjson|ndj|jsonl)$/.test(lower)) return 'ndjson';
  const input = formatFromName(lower);
  return input;
}

export interface ReadRecordsOptions extends Iso2709ReadOptions {
  format?: InputFormat | 'auto';
  /** Told which format is being read (useful with `auto`). */
  onFormat?: (format: InputFormat) => void;
}

/** Reads records of any supported format; `auto` sniffs the first bytes. */
export async function* readRecords(input: ByteInput, options: ReadRecordsOptions = {}): AsyncGenerator<ReadItem> {
  let format = options.format ?? 'auto';
  let source: ByteInput = input;
  if (format === 'auto') {
    // Peek at the first chunk, then hand the whole stream on unchanged.
    const iterator = chunksOf(input)[Symbol.asyncIterator]();
    const first = await iterator.next();
    const head: Uint8Array = first.done ? new Uint8Array(0) : first.value;
    const sniffed = sniffFormat(head.subarray(0, 4096));
    if (!sniffed) {
      if (head.length === 0) return;
      throw new KitapError('E_INPUT', 'cannot tell the input format from its first bytes; give --from', options.file === undefined ? {} : { file: options.file });
    }
    format = sniffed;
    source = (async function* () {
      if (!first.done) yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    })();
  }
  options.onFormat?.(format);
  switch (format) {
    case 'iso2709':
      yield* readIso2709(source, options);
      return;
    case 'marcxml':
      yield* readMarcXml(source, options);
      return;
    case 'mij':
      yield* readMij(source, options);
      return;
    case 'mrk':
      yield* readMrk(source, options);
      return;
  }
}

export function encoderFor(format: OutputFormat, options: Iso2709WriteOptions & { pretty?: boolean } = {}): RecordEncoder {
  switch (format) {
    case 'iso2709':
      return iso2709Encoder(options);
    case 'marcxml':
      return marcXmlEncoder();
    case 'mij':
      return mijEncoder({ ndjson: false });
    case 'ndjson':
      return mijEncoder({ ndjson: true });
    case 'mrk':
      return mrkEncoder();
  }
}
