/**
 * The codec's WebAssembly module: the UTF-8 transcoder of the ISO2709 reader
 * (utf8-wasm.ts) and the MARCXML writer for unmodified ISO2709 records
 * (marcxml/marcxml-wasm.ts), sharing one memory (wasm-layout.ts). It is
 * compiled from source on first use; where WebAssembly is unavailable, or it
 * fails, `wasmCodec()` is null and the callers do the work in JavaScript.
 */
import { MARCXML_LOCALS, MARCXML_PARAMS, marcXmlCode } from '../marcxml/marcxml-wasm.js';
import { CHECK, CHECKER_LOCALS, CHECKER_PARAMS, TRANSCODER_LOCALS, TRANSCODER_PARAMS, checkerCode, transcoderCode } from './utf8-wasm.js';
import { FRAME_LOCALS, FRAME_PARAMS, frameCode } from './frame-wasm.js';
import { functionModule } from './wasm-binary.js';
import { FIELDS, HEADS, MARKS, MAX_FIELDS, MAX_RECORD, MEMORY_BYTES, PAGE_BYTES, RECORD, UNITS } from './wasm-layout.js';

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

type Transcode = (fields: number, count: number, units: number, marks: number, heads: number, flags: number) => number;
type Check = (fields: number, count: number) => number;
type Frame = (count: number, base: number, dataEnd: number, mode: number) => number;
type MarcXml = (fields: number, count: number, out: number, limit: number, markup: number) => number;

/** The compiled functions and views of their memory. */
export interface WasmCodec {
  transcode: Transcode;
  /** The transcoder for all-ASCII input: one byte a unit. */
  transcode8: Transcode;
  check: Check;
  marcxml: MarcXml;
  /** The usual record's structure and check (frame-wasm.ts). */
  frame: Frame;
  /** The memory as bytes, with Buffer's native string makers. */
  bytes: Buffer & { ucs2Slice(start: number, end: number): string; latin1Slice(start: number, end: number): string };
  words: Int32Array;
  /** Bumped whenever a record is copied to RECORD: the number of the record held there (2 and up). */
  held: number;
}

let compiled: WasmCodec | null | undefined;

/** The module, compiled on first use; null where WebAssembly is unavailable. */
export function wasmCodec(): WasmCodec | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  try {
    const bytes = functionModule(
      [
        { name: 'transcode', params: TRANSCODER_PARAMS, locals: TRANSCODER_LOCALS, code: transcoderCode(false) },
        { name: 'transcode8', params: TRANSCODER_PARAMS, locals: TRANSCODER_LOCALS, code: transcoderCode(true) },
        { name: 'check', params: CHECKER_PARAMS, locals: CHECKER_LOCALS, code: checkerCode() },
        { name: 'marcxml', params: MARCXML_PARAMS, locals: MARCXML_LOCALS, code: marcXmlCode() },
        // function numbers 0, 1 and 2 are called by this one
        { name: 'frame', params: FRAME_PARAMS, locals: FRAME_LOCALS, code: frameCode({ transcode: 0, transcode8: 1, check: 2 }) },
      ],
      Math.ceil(MEMORY_BYTES / PAGE_BYTES),
    );
    const instance = new api.Instance(new api.Module(bytes), {});
    const memory = instance.exports['memory'] as { buffer: ArrayBuffer };
    compiled = {
      transcode: instance.exports['transcode'] as Transcode,
      transcode8: instance.exports['transcode8'] as Transcode,
      check: instance.exports['check'] as Check,
      marcxml: instance.exports['marcxml'] as MarcXml,
      frame: instance.exports['frame'] as Frame,
      bytes: Buffer.from(memory.buffer) as WasmCodec['bytes'],
      words: new Int32Array(memory.buffer),
      held: 1,
    };
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Copies a record to RECORD; its number there, or undefined when it does not fit. */
export function holdRecord(codec: WasmCodec, bytes: Uint8Array): number | undefined {
  if (bytes.length > MAX_RECORD) return undefined;
  codec.bytes.set(bytes, RECORD);
  return ++codec.held;
}

/**
 * Runs the transcoder over fields [start, end) of the record held (see
 * holdRecord). Returns the number of units written (at UNITS; heads at HEADS,
 * delimiter positions at MARKS), -1 when `check` found a problem, or
 * undefined when there are too many fields.
 */
export function wasmTranscode(codec: WasmCodec, extents: readonly { start: number; end: number }[], check: boolean, narrow: boolean): number | undefined {
  const n = extents.length;
  if (n > MAX_FIELDS) return undefined;
  const words = codec.words;
  for (let i = 0, w = FIELDS >> 2; i < n; i++, w += 2) {
    const e = extents[i]!;
    words[w] = RECORD + e.start;
    words[w + 1] = RECORD + e.end;
  }
  return (narrow ? codec.transcode8 : codec.transcode)(FIELDS, n, UNITS, MARKS, HEADS, check ? CHECK : 0);
}

/** The transcoder's check alone over the record held: 0 when clean, -1 when not, undefined when there are too many fields. */
export function wasmCheck(codec: WasmCodec, extents: readonly { start: number; end: number }[]): number | undefined {
  const n = extents.length;
  if (n > MAX_FIELDS) return undefined;
  const words = codec.words;
  for (let i = 0, w = FIELDS >> 2; i < n; i++, w += 2) {
    const e = extents[i]!;
    words[w] = RECORD + e.start;
    words[w + 1] = RECORD + e.end;
  }
  return codec.check(FIELDS, n);
}
