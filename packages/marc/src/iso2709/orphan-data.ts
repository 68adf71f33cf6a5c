/**
 * Orphan data: bytes of a record's data area that no directory entry covers
 * (a field whose entry was lost, stray bytes). A sound record's fields tile
 * the data area, which the frame parser already knows without extra work
 * (the WebAssembly fast path and `tiles` check it); only a record whose fields
 * do not tile it is looked at here. The runs found become E_ORPHAN_DATA
 * (strict: an error, skip: a reject) or W_ORPHAN_DATA (lenient: the record is
 * read without them, and the warning says what they held). No tag is
 * invented for them: nothing says which field they were.
 */
import { type CharsetName, decode } from '../charset/index.js';
import { MAX_FRAME_BYTES } from './framer.js';
import type { FieldExtent, FrameProblem } from './parse-frame.js';

/** Bytes [start, end) of a frame. */
export interface ByteRun {
  start: number;
  end: number;
}

/** A field's extent is sorted as start × EXTENT_SHIFT + end: an end (at most a frame's length) stays below it, the key below 2^53. */
const EXTENT_SHIFT = 2 * MAX_FRAME_BYTES;

/** Characters of an orphan run shown in a message; longer runs are cut and their length given. */
export const SHOWN_CHARACTERS = 200;

/**
 * The runs of the data area [base, dataEnd) that no field covers (a field
 * covers start..end, its terminator included), in byte order; undefined when
 * the fields cover all of it. Fields may come in any order and may overlap.
 */
export function uncoveredRuns(fields: readonly FieldExtent[], base: number, dataEnd: number): ByteRun[] | undefined {
  if (tileInSomeOrder(fields, base, dataEnd)) return undefined;
  // Each extent packed in one number (start high, end low) and sorted natively: no object a field.
  const keys = new Float64Array(fields.length);
  for (let i = 0; i < fields.length; i++) keys[i] = fields[i]!.start * EXTENT_SHIFT + fields[i]!.end + 1;
  keys.sort();
  let runs: ByteRun[] | undefined;
  let reach = base;
  for (let i = 0; i < keys.length; i++) {
    const start = Math.floor(keys[i]! / EXTENT_SHIFT);
    const end = keys[i]! - start * EXTENT_SHIFT;
    if (start > reach) (runs ??= []).push({ start: reach, end: Math.min(start, dataEnd) });
    if (end > reach) reach = end;
  }
  if (reach < dataEnd) (runs ??= []).push({ start: reach, end: dataEnd });
  return runs;
}

/** Field starts marked by tileInSomeOrder (relative to the base), cleared again after each use. */
let starts = new Uint8Array(1 << 12);

/**
 * Whether the fields tile the data area in some order (an unordered directory
 * of a sound record), told without sorting: their lengths add up to the data
 * area, their starts are distinct, one is at the base, and every field ends
 * where another starts or at the end. (Followed from the base, the fields then
 * form a chain whose lengths are all of the data area, so no field is left
 * out of it and nothing overlaps.)
 */
function tileInSomeOrder(fields: readonly FieldExtent[], base: number, dataEnd: number): boolean {
  const area = dataEnd - base;
  let sum = 0;
  for (let i = 0; i < fields.length; i++) sum += fields[i]!.end + 1 - fields[i]!.start;
  if (sum !== area) return false;
  if (starts.length <= area) starts = new Uint8Array(area + 1);
  let tiles = true;
  for (let i = 0; i < fields.length; i++) {
    const at = fields[i]!.start - base;
    if (starts[at] === 1) tiles = false;
    starts[at] = 1;
  }
  if (starts[0] !== 1) tiles = false;
  for (let i = 0; i < fields.length && tiles; i++) {
    const next = fields[i]!.end + 1 - base;
    if (next !== area && starts[next] !== 1) tiles = false;
  }
  for (let i = 0; i < fields.length; i++) starts[fields[i]!.start - base] = 0;
  return tiles;
}

/**
 * The problem of one orphan run, as the reader reports it: E_ORPHAN_DATA, or
 * W_ORPHAN_DATA when read leniently. The message gives the run's length, its
 * byte in the record, the fields around it, and its text decoded in the
 * record's character set (delimiters and other control characters as
 * control pictures: 0x1F ␟, 0x1E ␞), cut after SHOWN_CHARACTERS characters.
 */
export function orphanProblem(bytes: Uint8Array, run: ByteRun, fields: readonly FieldExtent[], charset: CharsetName, lenient: boolean): FrameProblem {
  const length = run.end - run.start;
  const characters = [...visible(decode(bytes, run.start, run.end, charset).text)];
  const cut = characters.length > SHOWN_CHARACTERS;
  const shown = JSON.stringify(cut ? `${characters.slice(0, SHOWN_CHARACTERS).join('')}…` : characters.join(''));
  const of = cut ? ` (the first ${SHOWN_CHARACTERS} of ${characters.length} characters)` : '';
  const message =
    `${length} ${length === 1 ? 'byte' : 'bytes'} at record byte ${run.start} (${neighbours(run, fields)}) are covered by no directory entry, ` +
    `so they belong to no field: ${shown}${of}` +
    (lenient ? '; the record was read without them' : '');
  return { code: 'E_ORPHAN_DATA', warning: 'W_ORPHAN_DATA', message, at: run.start };
}

/** Where the run lies among the fields, in byte order: "after 245, before 700". */
function neighbours(run: ByteRun, fields: readonly FieldExtent[]): string {
  let before: FieldExtent | undefined;
  let after: FieldExtent | undefined;
  for (const f of fields) {
    if (f.end < run.start && (!before || f.end > before.end)) before = f;
    if (f.start >= run.end && (!after || f.start < after.start)) after = f;
  }
  if (before && after) return `after ${before.tag}, before ${after.tag}`;
  if (after) return `at the start of the data area, before ${after.tag}`;
  if (before) return `after ${before.tag}, at the end of the data area`;
  return 'the whole data area';
}

/** C0 control characters and DEL as their Unicode control pictures (U+2400-U+2421), so delimiters show. */
function visible(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => String.fromCharCode(c === '\x7f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}
