/**
 * The memory of the codec's WebAssembly module (wasm-codec.ts): fixed
 * regions, in bytes. The memory never grows, so views of it stay valid; a
 * record or an output that does not fit is handled in JavaScript instead.
 */

/** The record being worked on (its frame, leader to terminator). */
export const RECORD = 0;
/** The largest record handled in WebAssembly (ISO2709 allows 99,999 bytes). */
export const MAX_RECORD = 128 * 1024;
/** The most fields handled in WebAssembly. */
export const MAX_FIELDS = 8192;

/** Transcoder input: (start, end) of each field, i32 pairs. */
export const FIELDS = RECORD + MAX_RECORD;
/** Transcoder output: (first unit, first mark) of each field, and (units, marks) after the last. */
export const HEADS = FIELDS + MAX_FIELDS * 8;
/** Transcoder output: UTF-16 code units (or bytes, for all-ASCII output). */
export const UNITS = HEADS + (MAX_FIELDS + 1) * 8;
/** Transcoder output: the unit index of each subfield delimiter. */
export const MARKS = UNITS + MAX_RECORD * 2;
/** Transcoder output: what the pass saw (SEEN_* bits of utf8-wasm.ts), one i32. */
export const SEEN = MARKS + MAX_RECORD * 4;

/** Frame output: each field's tag bytes, with bit 24 set for a control field, one i32. */
export const TAGS = SEEN + 16;

/** MARCXML input: (start, end, tag, indicators and kind) of each field, four i32. */
export const XML_FIELDS = TAGS + MAX_FIELDS * 4;
/** MARCXML markup, one region for each layout (see marcxml/marcxml-wasm.ts). */
export const XML_MARKUP = XML_FIELDS + MAX_FIELDS * 16;
/** Bytes of one layout's markup region. */
export const XML_MARKUP_BYTES = 8 * 1024;
/** Layouts that can have markup in the memory (pretty and compact). */
export const XML_MARKUP_SLOTS = 2;
/** MARCXML output: one record element. */
export const XML_OUT = XML_MARKUP + XML_MARKUP_BYTES * XML_MARKUP_SLOTS;
/** Bytes of the MARCXML output region. */
export const XML_OUT_BYTES = 1024 * 1024;

/** The whole memory. */
export const MEMORY_BYTES = XML_OUT + XML_OUT_BYTES;
/** A WebAssembly memory page. */
export const PAGE_BYTES = 64 * 1024;
