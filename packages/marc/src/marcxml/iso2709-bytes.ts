/**
 * MARCXML written straight from the UTF-8 bytes of an unmodified ISO2709
 * record, without decoding it (the WebAssembly function of marcxml-wasm.ts):
 * markup is copied from byte templates and each value's bytes are copied,
 * escaped on the way. For such a record the output is byte for byte what the
 * string writer (writer.ts) produces once encoded as UTF-8 — UTF-8 decoded and
 * encoded again is the same bytes — and it costs a fraction: no text, no field
 * objects, no string to encode.
 *
 * It applies only where nothing can go wrong (otherwise the string writer
 * runs and reports the problem as it always has): a record read from ISO2709
 * as UTF-8, unchanged, without normalisation, which the frame parser checked
 * clean in its text pass (no control character but ESC and the delimiters,
 * every subfield code an ASCII graphic), with no ESC and no character from
 * U+E000 up (U+FFFE and U+FFFF cannot be written as XML); every tag three
 * ASCII letters or digits, every indicator one too or a space, every data
 * field with a subfield. A value holding a stray field terminator makes the
 * string writer take over too.
 */
import { Iso2709FieldSource } from '../iso2709/field-source.js';
import { SEEN_ESC, SEEN_HIGH_LEAD } from '../iso2709/utf8-wasm.js';
import { type WasmCodec, holdRecord, wasmCodec } from '../iso2709/wasm-codec.js';
import { MAX_FIELDS, XML_FIELDS, XML_MARKUP, XML_MARKUP_BYTES, XML_MARKUP_SLOTS, XML_OUT, XML_OUT_BYTES } from '../iso2709/wasm-layout.js';
import { type MarcRecord, unmodifiedSource } from '../record/record.js';
import {
  KIND_DELIMITER,
  KIND_ESCAPE,
  KIND_PLAIN,
  KIND_REFUSE,
  KIND_TABLE,
  TEMPLATE_BYTES,
  T_CONTROL_CLOSE,
  T_CONTROL_OPEN,
  T_DATA_CLOSE,
  T_DATA_OPEN,
  T_DATA_OPEN_END,
  T_ENTITY,
  T_IND1,
  T_IND2,
  T_LEADER_CLOSE,
  T_LEADER_OPEN,
  T_RECORD_CLOSE,
  T_SUBFIELD_CLOSE,
  T_SUBFIELD_OPEN,
  T_TAG_END,
} from './marcxml-wasm.js';

/** The string writer's markup (writer.ts, one layout). */
export interface Markup {
  readonly leaderOpen: string;
  readonly leaderClose: string;
  readonly controlOpen: string;
  readonly controlClose: string;
  readonly dataOpen: string;
  readonly dataOpenEnd: string;
  readonly dataClose: string;
  readonly subfieldOpen: readonly string[];
  readonly subfieldClose: string;
}

/** The entities the string writer writes (xml-text.ts escapeXmlText). */
const ENTITIES: Readonly<Record<number, string>> = { 0x22: '&quot;', 0x26: '&amp;', 0x27: '&apos;', 0x3c: '&lt;', 0x3e: '&gt;' };

/** Where each layout's markup is in the module's memory. */
const slots = new Map<Markup, number>();

/** Writes a layout's templates and byte kinds into the memory (once); its address, or undefined when no slot is left. */
function markupIn(codec: WasmCodec, markup: Markup): number | undefined {
  const known = slots.get(markup);
  if (known !== undefined) return known;
  if (slots.size >= XML_MARKUP_SLOTS) return undefined;
  const base = XML_MARKUP + slots.size * XML_MARKUP_BYTES;
  const templates: string[] = [];
  templates[T_LEADER_OPEN] = markup.leaderOpen;
  templates[T_LEADER_CLOSE] = markup.leaderClose;
  templates[T_CONTROL_OPEN] = markup.controlOpen;
  templates[T_CONTROL_CLOSE] = markup.controlClose;
  templates[T_DATA_OPEN] = markup.dataOpen;
  templates[T_DATA_OPEN_END] = markup.dataOpenEnd;
  templates[T_DATA_CLOSE] = markup.dataClose;
  templates[T_SUBFIELD_CLOSE] = markup.subfieldClose;
  templates[T_TAG_END] = '">';
  templates[T_IND1] = '" ind1="';
  templates[T_IND2] = '" ind2="';
  templates[T_RECORD_CLOSE] = '</record>\n';
  for (let code = 0; code < 128; code++) templates[T_SUBFIELD_OPEN + code] = markup.subfieldOpen[code] ?? '';
  for (let byte = 0; byte < 64; byte++) templates[T_ENTITY + byte] = ENTITIES[byte] ?? '';
  let at = base + TEMPLATE_BYTES;
  for (let n = 0; n < templates.length; n++) {
    const bytes = Buffer.from(templates[n]!, 'latin1');
    if (at + bytes.length > base + XML_MARKUP_BYTES) return undefined;
    codec.bytes.set(bytes, at);
    codec.words[(base >> 2) + 2 * n] = at;
    codec.words[(base >> 2) + 2 * n + 1] = bytes.length;
    at += bytes.length;
  }
  for (let byte = 0; byte < 64; byte++) {
    codec.bytes[base + KIND_TABLE + byte] = byte === 0x1f ? KIND_DELIMITER : byte < 0x20 ? KIND_REFUSE : ENTITIES[byte] ? KIND_ESCAPE : KIND_PLAIN;
  }
  slots.set(markup, base);
  return base;
}

/** ASCII letters and digits (1) and the space (2): what tags and indicators may be. */
const ALNUM = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) ALNUM[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ALNUM[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ALNUM[c] = 1;
ALNUM[0x20] = 2;

/**
 * The record element as UTF-8 bytes, or undefined when the string writer must
 * write this record (see above).
 */
export function marcXmlFromIso2709(record: MarcRecord, markup: Markup): Uint8Array | undefined {
  const source = unmodifiedSource(record);
  if (!(source instanceof Iso2709FieldSource) || source.charset !== 'utf-8' || source.normalization !== 'none') return undefined;
  // `seen` is set when the frame parser's pass found the record clean
  if (source.seen === undefined || (source.seen & (SEEN_ESC | SEEN_HIGH_LEAD)) !== 0) return undefined;
  const codec = wasmCodec();
  if (!codec) return undefined;
  const { bytes, extents } = source;
  const n = extents.length;
  if (n > MAX_FIELDS || source.indicatorCount !== 2) return undefined;
  const base = markupIn(codec, markup);
  if (base === undefined) return undefined;
  const leader = record.leader.value;
  for (let i = 0; i < leader.length; i++) {
    const c = leader.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c !== bytes[i]) return undefined;
  }

  // The fields: tags and indicators checked here, as the string writer checks them.
  const words = codec.words;
  for (let i = 0, w = XML_FIELDS >> 2; i < n; i++, w += 4) {
    const extent = extents[i]!;
    const tag = extent.tag;
    const t0 = tag.charCodeAt(0), t1 = tag.charCodeAt(1), t2 = tag.charCodeAt(2);
    if (tag.length !== 3 || ALNUM[t0] !== 1 || ALNUM[t1] !== 1 || ALNUM[t2] !== 1) return undefined;
    let info = 0;
    if (extent.data) {
      // both indicators present (the decoder reads them byte by byte), each a letter, a digit or a space
      const i1 = bytes[extent.start]!;
      const i2 = bytes[extent.start + 1]!;
      if (extent.subfieldsStart !== undefined || extent.end - extent.start < 2 || !ALNUM[i1] || !ALNUM[i2]) return undefined;
      info = i1 | (i2 << 8) | (1 << 16);
    }
    words[w] = extent.start;
    words[w + 1] = extent.end;
    words[w + 2] = t0 | (t1 << 8) | (t2 << 16);
    words[w + 3] = info;
  }
  if (source.made !== codec.held && holdRecord(codec, bytes) === undefined) return undefined;
  const length = codec.marcxml(XML_FIELDS, n, XML_OUT, XML_OUT + XML_OUT_BYTES, base);
  if (length < 0) return undefined;
  const element = slice(length);
  codec.bytes.copy(element, 0, XML_OUT, XML_OUT + length);
  return element;
}

/**
 * Room for one element, cut from a slab of 1 MiB (as Buffer's own pool does
 * for small buffers): one allocation a megabyte instead of one a record.
 */
const SLAB_BYTES = 1 << 20;
let slab = Buffer.allocUnsafe(0);
let slabUsed = 0;

function slice(length: number): Buffer {
  if (length > SLAB_BYTES / 8) return Buffer.allocUnsafe(length);
  if (slabUsed + length > slab.length) {
    slab = Buffer.allocUnsafe(SLAB_BYTES);
    slabUsed = 0;
  }
  const piece = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += (length + 7) & ~7;
  return piece;
}
