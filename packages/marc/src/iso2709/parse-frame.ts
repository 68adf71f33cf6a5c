import { isUtf8 } from 'node:buffer';
import type { Code, Place, Warning } from '@kitap/core';
import { Leader } from '../record/leader.js';
import { type ByteRun, uncoveredRuns } from './orphan-data.js';
import { checkAndTranscode, seenByLastCheck } from './record-text.js';
import { usualFrame } from './usual-frame.js';
import {
  tagOf,
  DIRECTORY_ENTRY_LENGTH,
  FIELD_TERMINATOR,
  LEADER_LENGTH,
  RECORD_TERMINATOR,
  SUBFIELD_DELIMITER,
  readDigits,
} from './bytes.js';

/** Where a field's bytes are inside the frame. `end` excludes the field terminator. */
export interface FieldExtent {
  tag: string;
  start: number;
  end: number;
  /** True for a data field (indicators and subfields), false for a control field. */
  data: boolean;
  /**
   * Set only when an indicator is a multi-byte (UTF-8) character: where the
   * subfields start, and the indicators as read (the non-ASCII one a blank).
   */
  subfieldsStart?: number;
  indicators?: string;
}

/** A problem found in a frame. A repair is applied in lenient mode; a fatal one makes a reject. */
export interface FrameProblem {
  code: Code;
  /** The code a lenient read records instead of `code`, for a repair with a warning code of its own. */
  warning?: Code;
  message: string;
  /** Byte offset inside the frame. */
  at: number;
  tag?: string;
  occurrence?: number;
}

export interface ParsedFrame {
  leader: Leader;
  /** Indicator count used to parse data fields. */
  indicatorCount: number;
  fields: FieldExtent[];
  /** Changes made to read the record; in strict mode each is an error, in skip mode a reject. */
  repairs: FrameProblem[];
  /** Things worth knowing that change nothing (control characters, …). */
  notes: FrameProblem[];
  /** Set when the record cannot be read even leniently. */
  fatal?: FrameProblem;
  /**
   * Set when bytes of the data area are covered by no field (orphan-data.ts):
   * the runs, in byte order. The reader reports each (E_ORPHAN_DATA, or
   * W_ORPHAN_DATA when lenient) once it knows the record's character set.
   */
  orphans?: ByteRun[];
  /**
   * Set when the record's text was made while it was checked (record-text.ts):
   * the number to hand to the field source (the WebAssembly memory holds the
   * text while that is the record it holds).
   */
  textGeneration?: number;
  /**
   * Set when the record was checked clean by that pass (whether or not it made
   * the text): what the pass saw (SEEN_HIGH_LEAD, SEEN_ESC of utf8-wasm.ts),
   * which spares the charset detection its own scans.
   */
  textSeen?: number;
  /**
   * Set when the record was parsed by the fast path for the usual record
   * (usual-frame.ts): its indicators are printable ASCII and its fields tile
   * the data area, so its text can be made in one pass without looking again.
   */
  usual?: true;
}

/** What the caller knows of the record's bytes: all ASCII, or valid UTF-8 (its text can then be made while checking). */
export type KnownText = 'ascii' | 'valid';

type NativeSlices = Buffer & { latin1Slice(start: number, end: number): string };

/** Bytes as Latin-1 text (one native call; every byte is one character). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (buffer as NativeSlices).latin1Slice(start, end);
}

/**
 * A control character other than the delimiters and ESC (MARC-8 escapes), or a
 * subfield delimiter not followed by an ASCII graphic code. (A delimiter that
 * is the last character tested is checked apart: a lookahead here costs a
 * fifth of the test's time.)
 */
const NEEDS_BYTE_SCAN = /[\x00-\x1a\x1c\x1d]|\x1f[^\x21-\x7e]/;

function asciiText(bytes: Uint8Array, start: number, end: number): string {
  return latin1(bytes, start, end);
}

function isPrintableAscii(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x20 && byte <= 0x7e;
}

function isTagByte(byte: number | undefined): boolean {
  return byte !== undefined && byte > 0x20 && byte <= 0x7e;
}

/** A leader position that must be one digit, as a number (undefined when it is not a digit). */
function digitAt(text: string, position: number): number | undefined {
  const c = text.charCodeAt(position) - 0x30;
  return c >= 0 && c <= 9 ? c : undefined;
}

/** What a frame's checks share while it is parsed. */
interface FrameState {
  readonly bytes: Uint8Array;
  readonly repairs: FrameProblem[];
  readonly notes: FrameProblem[];
  readonly text: KnownText | undefined;
  /** Whether the checking pass should make the record's text too. */
  readonly makeText: boolean;
  leader: Leader;
  indicatorCount: number;
  /** The leader's 24 bytes are printable ASCII. */
  printable: boolean;
  /** The base address used (the data area is [base, length - 1)). */
  base: number;
}

function failed(state: FrameState, code: Code, message: string, at: number, leader: Leader = Leader.DEFAULT): ParsedFrame {
  return { leader, indicatorCount: 2, fields: [], repairs: state.repairs, notes: state.notes, fatal: { code, message, at } };
}

/**
 * Validates a framed record's structure (leader, directory, base address, field
 * and subfield delimiters) and locates its fields. Text is not decoded here.
 */
export function parseFrame(bytes: Uint8Array, text?: KnownText, makeText = true): ParsedFrame {
  // The usual UTF-8 record, in one WebAssembly call (usual-frame.ts); anything else below.
  if (text !== undefined && Buffer.isBuffer(bytes)) {
    const usual = usualFrame(bytes, text === 'ascii', makeText);
    if (usual) return usual;
  }
  const repairs: FrameProblem[] = [];
  const notes: FrameProblem[] = [];
  const length = bytes.length;
  const state: FrameState = { bytes, repairs, notes, text, makeText, leader: Leader.DEFAULT, indicatorCount: 2, printable: true, base: 0 };

  if (length < LEADER_LENGTH + 1) return failed(state, 'E_TRUNCATED', `only ${length} bytes, shorter than a leader`, 0);
  if (bytes[length - 1] !== RECORD_TERMINATOR) return failed(state, 'E_TRUNCATED', 'the record has no record terminator (0x1D)', length - 1);

  // Leader: structural positions must be digits.
  let leaderText = '';
  let printable = true;
  for (let i = 0; i < LEADER_LENGTH && printable; i++) printable = isPrintableAscii(bytes[i]);
  if (printable) leaderText = latin1(bytes, 0, LEADER_LENGTH);
  else {
    for (let i = 0; i < LEADER_LENGTH; i++) {
      const b = bytes[i]!;
      if (isPrintableAscii(b)) leaderText += String.fromCharCode(b);
      else {
        repairs.push({ code: 'E_LEADER', message: `leader/${pad2(i)} is byte 0x${hex(b)}, not printable ASCII; replaced by a blank`, at: i });
        leaderText += ' ';
      }
    }
  }
  let leader = new Leader(leaderText);

  let indicatorCount = digitAt(leaderText, 10);
  if (indicatorCount === undefined) {
    repairs.push({ code: 'E_LEADER', message: `leader/10 (indicator count) is ${JSON.stringify(leader.at(10))}, not a digit; 2 assumed`, at: 10 });
    indicatorCount = 2;
    leader = leader.with(10, '2');
  }
  if (indicatorCount > 2) {
    return failed(state, 'E_LEADER', `leader/10 says ${indicatorCount} indicators; only MARC21 and UNIMARC layouts with up to 2 are supported (danMARC2 uses 3)`, 10);
  }
  if (indicatorCount < 2) {
    repairs.push({ code: 'E_LEADER', message: `leader/10 says ${indicatorCount} indicators; missing indicators are read as blanks`, at: 10 });
  }
  const subfieldCodeLength = digitAt(leaderText, 11);
  if (subfieldCodeLength !== 2) {
    if (subfieldCodeLength === undefined || subfieldCodeLength === 0) {
      repairs.push({ code: 'E_LEADER', message: `leader/11 (subfield code length) is ${JSON.stringify(leader.at(11))}; 2 assumed`, at: 11 });
      leader = leader.with(11, '2');
    } else {
      return failed(state, 'E_LEADER', `leader/11 (subfield code length) is ${leader.at(11)}; only 2 (delimiter and one-character code) is supported`, 11);
    }
  }
  const e22 = leaderText.charCodeAt(22);
  if (leaderText.charCodeAt(20) !== 0x34 || leaderText.charCodeAt(21) !== 0x35 || (e22 !== 0x30 && e22 !== 0x20)) {
    repairs.push({ code: 'E_LEADER', message: `leader/20-22 (entry map) is ${JSON.stringify(leader.entryMap.slice(0, 3))}; "450" assumed`, at: 20 });
    leader = leader.with(20, '450');
  }
  state.leader = leader;
  state.indicatorCount = indicatorCount;
  state.printable = printable;

  // Base address: must point just after the directory terminator.
  const firstFieldTerminator = indexOfByte(bytes, FIELD_TERMINATOR, LEADER_LENGTH);
  if (firstFieldTerminator < 0) return failed(state, 'E_BASE_ADDRESS', 'no directory terminator (0x1E) in the record', LEADER_LENGTH);
  let base = readDigits(bytes, 12, 5);
  if (base !== firstFieldTerminator + 1) {
    const said = base < 0 ? `${JSON.stringify(leader.value.slice(12, 17))} (not a number)` : String(base);
    if (base > 0 && base < length && bytes[base - 1] === FIELD_TERMINATOR && (base - 1 - LEADER_LENGTH) % DIRECTORY_ENTRY_LENGTH === 0) {
      // A 0x1E inside the directory region would be odd, but the declared base is consistent: keep it.
    } else if (base < 0) {
      // A non-numeric base address is repaired like a wrong one, but keeps its own code.
      repairs.push({ code: 'E_BASE_ADDRESS', message: `leader/12-16 (base address) is ${said}; ${firstFieldTerminator + 1} used`, at: 12 });
      base = firstFieldTerminator + 1;
    } else {
      repairs.push({ code: 'E_BASE_ADDRESS', message: `base address is ${said} but the directory ends at byte ${firstFieldTerminator}; ${firstFieldTerminator + 1} used`, at: 12 });
      base = firstFieldTerminator + 1;
    }
  }
  state.base = base;
  return locateFields(state, base);
}

/** Buffer.indexOf is native (memchr); TypedArray.prototype.indexOf is not. */
function indexOfByte(bytes: Uint8Array, byte: number, from: number): number {
  return Buffer.isBuffer(bytes) ? bytes.indexOf(byte, from) : bytes.indexOf(byte, from);
}

/** Reads the directory and locates every field (repairing what lenient reading may repair), then checks them. */
function locateFields(state: FrameState, baseAddress: number): ParsedFrame {
  const { bytes, repairs, leader } = state;
  const length = bytes.length;
  const directoryEnd = baseAddress - 1;
  const directoryLength = directoryEnd - LEADER_LENGTH;
  const entryCount = Math.floor(directoryLength / DIRECTORY_ENTRY_LENGTH);
  const dataEnd = length - 1; // record terminator
  let reframe = false;
  if (directoryLength % DIRECTORY_ENTRY_LENGTH !== 0) {
    const realigned = realignDirectory(bytes, baseAddress, dataEnd, directoryLength);
    if (realigned) {
      repairs.push({ code: 'E_DIRECTORY', message: `the directory is ${directoryLength} bytes, not a multiple of 12; ${realigned.how}, after which every entry matches the field terminators`, at: LEADER_LENGTH });
      return checkFields(state, realigned.fields);
    }
    repairs.push({ code: 'E_DIRECTORY', message: `the directory is ${directoryLength} bytes, not a multiple of 12`, at: LEADER_LENGTH });
    reframe = true;
  }
  if (entryCount === 0) return failed(state, 'E_NO_FIELDS', 'the directory is empty', LEADER_LENGTH, leader);

  // Fast path: every entry sound, the fields exactly where the directory says.
  if (!reframe) {
    const fields = soundDirectory(bytes, baseAddress, dataEnd, entryCount);
    if (fields) return checkFields(state, fields, tiles(fields, baseAddress, dataEnd));
  }
  // Otherwise the entries are read again, with every problem noted in order.
  const tags = new Array<string>(entryCount);
  const lens = new Array<number>(entryCount);
  const starts = new Array<number>(entryCount);
  for (let e = 0; e < entryCount; e++) {
    const at = LEADER_LENGTH + e * DIRECTORY_ENTRY_LENGTH;
    const t0 = bytes[at], t1 = bytes[at + 1], t2 = bytes[at + 2];
    if (!isTagByte(t0) || !isTagByte(t1) || !isTagByte(t2)) {
      return failed(state, 'E_TAG', `directory entry ${e + 1} has tag bytes ${hex(t0)} ${hex(t1)} ${hex(t2)}, not three ASCII graphic characters`, at, leader);
    }
    const tag = tagOf(t0!, t1!, t2!);
    const len = readDigits(bytes, at + 3, 4);
    const start = readDigits(bytes, at + 7, 5);
    if (len < 0 || start < 0) {
      repairs.push({ code: 'E_DIRECTORY', message: `directory entry ${e + 1} (${tag}) has a length or offset that is not a number: ${JSON.stringify(asciiText(bytes, at + 3, at + 12))}`, at });
      reframe = true;
    } else if (len < 1 || baseAddress + start + len > dataEnd || bytes[baseAddress + start + len - 1] !== FIELD_TERMINATOR) {
      reframe = true;
    }
    tags[e] = tag;
    lens[e] = len;
    starts[e] = start;
  }
  if (!reframe) {
    return checkFields(
      state,
      tags.map((tag, e) => ({ tag, start: baseAddress + starts[e]!, end: baseAddress + starts[e]! + lens[e]! - 1, data: true })),
    );
  }

  const raw = tags.map((tag, e) => ({ tag, len: lens[e]!, start: starts[e]! }));
  const byCharacters = locateByCharacters(bytes, baseAddress, dataEnd, raw);
  if (byCharacters) {
    repairs.push({ code: 'E_FIELD_BOUNDS', message: 'directory lengths and offsets count characters, not bytes; fields were located by character offsets', at: LEADER_LENGTH });
    for (const tag of byCharacters.split) {
      repairs.push({ code: 'E_FIELD_BOUNDS', message: `the directory entry for ${tag} covers more than one field terminator; it was read as several ${tag} fields`, at: LEADER_LENGTH, tag });
    }
    return checkFields(state, byCharacters.fields);
  }
  const located = locateByTerminators(bytes, baseAddress, dataEnd, raw);
  if (typeof located === 'string') return failed(state, 'E_FIELD_BOUNDS', located, baseAddress, leader);
  repairs.push({ code: 'E_FIELD_BOUNDS', message: 'directory lengths or offsets do not match the field terminators; fields were located by their terminators', at: LEADER_LENGTH });
  return checkFields(state, located);
}

/**
 * The fields of a directory whose every entry is sound (a graphic tag, a numeric
 * length and offset, a field ending in a terminator inside the data area), or
 * undefined at the first entry that is not: the caller then reads the
 * directory again, noting each problem.
 */
function soundDirectory(bytes: Uint8Array, baseAddress: number, dataEnd: number, entryCount: number): FieldExtent[] | undefined {
  const fields = new Array<FieldExtent>(entryCount);
  for (let e = 0, at = LEADER_LENGTH; e < entryCount; e++, at += DIRECTORY_ENTRY_LENGTH) {
    const t0 = bytes[at]!, t1 = bytes[at + 1]!, t2 = bytes[at + 2]!;
    if (!(t0 > 0x20 && t0 <= 0x7e && t1 > 0x20 && t1 <= 0x7e && t2 > 0x20 && t2 <= 0x7e)) return undefined;
    let len = 0;
    for (let i = at + 3; i < at + 7; i++) {
      const d = bytes[i]! - 0x30;
      if (!(d >= 0 && d <= 9)) return undefined;
      len = len * 10 + d;
    }
    let start = baseAddress;
    let offset = 0;
    for (let i = at + 7; i < at + 12; i++) {
      const d = bytes[i]! - 0x30;
      if (!(d >= 0 && d <= 9)) return undefined;
      offset = offset * 10 + d;
    }
    start += offset;
    const end = start + len - 1;
    if (len < 1 || end >= dataEnd || bytes[end] !== FIELD_TERMINATOR) return undefined;
    fields[e] = { tag: tagOf(t0, t1, t2), start, end, data: true };
  }
  return fields;
}

/** Whether the fields, in directory order, cover the data area exactly (as every sound writer lays them out). */
function tiles(fields: readonly FieldExtent[], base: number, dataEnd: number): boolean {
  let expected = base;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.start !== expected) return false;
    expected = f.end + 1;
  }
  return expected === dataEnd;
}

/**
 * Field structure: control or data, indicators, subfield codes. `usual`: the
 * leader is printable and the directory sound, and the fields tile the data
 * area, so that the fields' bytes are all the bytes that can hold a control
 * character. Fields not known to tile the data area are checked for bytes
 * they leave uncovered (orphans).
 */
function checkFields(state: FrameState, fields: FieldExtent[], usual = false): ParsedFrame {
  const { bytes, repairs, notes, leader, indicatorCount } = state;
  const length = bytes.length;
  // Whether any byte-level check can fail: in a sound record every 0x1F is
  // followed by a graphic code and there are no other control characters. Only
  // then are fields scanned byte by byte. A usual record in UTF-8 is checked by
  // the pass that makes its text (record-text.ts); any other by one native
  // regular-expression pass over the record.
  const made = usual && state.printable && state.text !== undefined ? checkAndTranscode(bytes, fields, state.text === 'ascii', state.makeText) : -1;
  const scan = made < 0 ? NEEDS_BYTE_SCAN.test(latin1(bytes, 0, length - 1)) || bytes[length - 2] === SUBFIELD_DELIMITER : made === 0;
  for (let i = 0; i < fields.length; i++) {
    const problem = checkField(bytes, fields, i, indicatorCount, repairs, notes, scan);
    // the problem keeps its tag and occurrence, so the reject names the field
    if (problem) return { leader, indicatorCount: 2, fields: [], repairs, notes, fatal: problem };
  }
  const parsed: ParsedFrame = { leader, indicatorCount, fields, repairs, notes };
  if (!usual) {
    const orphans = uncoveredRuns(fields, state.base, length - 1);
    if (orphans) parsed.orphans = orphans;
  }
  if (made > 0) parsed.textSeen = seenByLastCheck();
  if (made > 1) parsed.textGeneration = made;
  return parsed;
}

/**
 * A directory one byte off a multiple of 12 whose misalignment is at its very
 * start: the first tag lost its leading "0" ("01" for "001", 12n-1 bytes) or a
 * stray byte precedes a first tag starting "00" (12n+1 bytes). These are the
 * two repairs marc4j's permissive reader makes (pride-and-prejudice-with-many-errors.mrc
 * has 16 records of the first kind). The realigned reading is used only when it
 * is beyond doubt: every entry is numeric, ends on a field terminator, and the
 * entries tile the data area exactly, as a writer lays them out. Otherwise the
 * caller falls back to locating fields by their terminators.
 */
function realignDirectory(
  bytes: Uint8Array,
  base: number,
  dataEnd: number,
  directoryLength: number,
): { fields: FieldExtent[]; how: string } | undefined {
  const remainder = directoryLength % DIRECTORY_ENTRY_LENGTH;
  let directory: Uint8Array;
  let how: string;
  if (remainder === DIRECTORY_ENTRY_LENGTH - 1) {
    directory = new Uint8Array(directoryLength + 1);
    directory[0] = 0x30;
    directory.set(bytes.subarray(LEADER_LENGTH, LEADER_LENGTH + directoryLength), 1);
    how = `its first tag ${JSON.stringify(asciiText(bytes, LEADER_LENGTH, LEADER_LENGTH + 2))} lacks a leading "0", which was restored`;
  } else if (remainder === 1 && bytes[LEADER_LENGTH + 1] === 0x30 && bytes[LEADER_LENGTH + 2] === 0x30) {
    directory = bytes.subarray(LEADER_LENGTH + 1, LEADER_LENGTH + directoryLength);
    how = `a stray byte 0x${hex(bytes[LEADER_LENGTH])} before the first tag was skipped`;
  } else {
    return undefined;
  }
  const entries: { tag: string; start: number; end: number }[] = [];
  for (let at = 0; at < directory.length; at += DIRECTORY_ENTRY_LENGTH) {
    const t0 = directory[at], t1 = directory[at + 1], t2 = directory[at + 2];
    if (!isTagByte(t0) || !isTagByte(t1) || !isTagByte(t2)) return undefined;
    const len = readDigits(directory, at + 3, 4);
    const start = readDigits(directory, at + 7, 5);
    if (len < 1 || start < 0 || base + start + len > dataEnd || bytes[base + start + len - 1] !== FIELD_TERMINATOR) return undefined;
    entries.push({ tag: String.fromCharCode(t0!, t1!, t2!), start: base + start, end: base + start + len - 1 });
  }
  if (entries.length === 0) return undefined;
  // The entries must cover the data area exactly, without gaps or overlaps.
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  let expected = base;
  for (const e of sorted) {
    if (e.start !== expected) return undefined;
    expected = e.end + 1;
  }
  if (expected !== dataEnd) return undefined;
  return { fields: entries.map((e) => ({ tag: e.tag, start: e.start, end: e.end, data: true })), how };
}

/**
 * The commonest real-world corruption of UTF-8 records: a writer that counted
 * characters instead of bytes. When the data area is valid UTF-8 and every
 * directory entry, read in characters, ends on a field terminator and the
 * entries cover the data area exactly, fields are located that way. A field
 * whose extent holds further terminators is split into several fields of its
 * tag (the bytes say they are separate fields). Returns undefined when the
 * directory does not fit that reading.
 */
function locateByCharacters(
  bytes: Uint8Array,
  base: number,
  dataEnd: number,
  entries: { tag: string; len: number; start: number }[],
): { fields: FieldExtent[]; split: string[] } | undefined {
  if (entries.some((e) => e.start < 0 || e.len < 1)) return undefined;
  const area = bytes.subarray(base, dataEnd);
  if (!isUtf8(area)) return undefined;
  // byteAt[c] = byte offset (in the frame) of character c of the data area.
  const byteAt: number[] = [];
  for (let i = 0; i < area.length; i++) {
    const b = area[i]!;
    if ((b & 0xc0) !== 0x80) byteAt.push(base + i);
  }
  const chars = byteAt.length;
  byteAt.push(dataEnd);
  if (chars === area.length) return undefined; // all ASCII: characters are bytes, nothing to gain
  let covered = 0;
  for (const e of entries) {
    const last = e.start + e.len - 1;
    if (last >= chars || bytes[byteAt[last]!] !== FIELD_TERMINATOR) return undefined;
    covered = Math.max(covered, e.start + e.len);
  }
  if (covered !== chars) return undefined;
  const fields: FieldExtent[] = [];
  const split: string[] = [];
  for (const e of entries) {
    let start = byteAt[e.start]!;
    const end = byteAt[e.start + e.len - 1]!;
    let inner = bytes.indexOf(FIELD_TERMINATOR, start);
    if (inner < end) split.push(e.tag);
    while (inner >= 0 && inner < end) {
      fields.push({ tag: e.tag, start, end: inner, data: true });
      start = inner + 1;
      inner = bytes.indexOf(FIELD_TERMINATOR, start);
    }
    fields.push({ tag: e.tag, start, end, data: true });
  }
  return { fields, split };
}

/**
 * Splits the data area on field terminators and pairs the pieces with the
 * directory's tags. Entries are paired in the order of their offsets (directory
 * order when offsets are unusable). Returns a reason when they cannot be paired.
 */
function locateByTerminators(
  bytes: Uint8Array,
  base: number,
  dataEnd: number,
  entries: { tag: string; len: number; start: number }[],
): FieldExtent[] | string {
  const pieces: { start: number; end: number }[] = [];
  let pos = base;
  while (pos < dataEnd) {
    let end = bytes.indexOf(FIELD_TERMINATOR, pos);
    if (end < 0 || end >= dataEnd) end = dataEnd;
    pieces.push({ start: pos, end });
    pos = end + 1;
  }
  if (pieces.length !== entries.length) {
    return `the directory lists ${entries.length} fields but the data area holds ${pieces.length}; fields cannot be paired with tags safely`;
  }
  const order = entries.map((_, i) => i);
  if (entries.every((e) => e.start >= 0)) order.sort((a, b) => entries[a]!.start - entries[b]!.start || a - b);
  const fields = new Array<FieldExtent>(entries.length);
  order.forEach((entryIndex, pieceIndex) => {
    const piece = pieces[pieceIndex]!;
    fields[entryIndex] = { tag: entries[entryIndex]!.tag, start: piece.start, end: piece.end, data: true };
  });
  return fields;
}

/** Which occurrence of its tag fields[index] is (0-based): only messages need it, so it is counted when one is written. */
function occurrenceOf(fields: readonly FieldExtent[], index: number): number {
  const tag = fields[index]!.tag;
  let n = 0;
  for (let i = 0; i < index; i++) if (fields[i]!.tag === tag) n++;
  return n;
}

function checkField(
  bytes: Uint8Array,
  fields: readonly FieldExtent[],
  index: number,
  indicatorCount: number,
  repairs: FrameProblem[],
  notes: FrameProblem[],
  scan: boolean,
): FrameProblem | undefined {
  const field = fields[index]!;
  const { start, end, tag } = field;
  const isControlTag = tag.charCodeAt(0) === 0x30 && tag.charCodeAt(1) === 0x30;
  // A 00X field is a control field unless it is laid out like a data field (danMARC-style 001 with subfields).
  if (isControlTag && !(end - start > indicatorCount && bytes[start + indicatorCount] === SUBFIELD_DELIMITER)) {
    field.data = false;
    // The first subfield delimiter and the first other control character (ESC aside), in one pass.
    let delimiter = -1;
    let control = -1;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x20) continue;
      if (b === SUBFIELD_DELIMITER) {
        if (delimiter < 0) delimiter = i;
      } else if (b !== 0x1b && control < 0) control = i;
      if (delimiter >= 0 && control >= 0) break;
    }
    if (delimiter >= 0) {
      notes.push({ code: 'W_CONTROL_CHARACTER', message: `control field ${tag} contains a subfield delimiter (0x1F)`, at: delimiter, tag, occurrence: occurrenceOf(fields, index) });
    }
    if (control >= 0) {
      notes.push({ code: 'W_CONTROL_CHARACTER', message: `${tag} contains control character 0x${hex(bytes[control])}`, at: control, tag, occurrence: occurrenceOf(fields, index) });
    }
    return undefined;
  }
  field.data = true;
  // Indicators. An indicator that is one multi-byte UTF-8 character (yaz's marc0.marc has ind2 "á")
  // is read as that one character when the field's structure then holds (the subfields start right
  // after it); otherwise each byte is an indicator, as the leader says. Either way the non-ASCII
  // indicator is replaced by a blank and reported.
  const wide = bytes[start]! >= 0x80 || bytes[start + 1]! >= 0x80 ? wideIndicators(bytes, start, end, indicatorCount) : undefined;
  if (wide) {
    field.subfieldsStart = wide.subfieldsStart;
    field.indicators = wide.indicators.map((w) => (w.length === 1 && isPrintableAscii(bytes[w.start]) ? String.fromCharCode(bytes[w.start]!) : ' ')).join('');
  }
  let subfieldsFrom = wide ? wide.subfieldsStart : start + indicatorCount;
  let missing = false;
  for (let i = 0; i < indicatorCount && !wide; i++) {
    const b = bytes[start + i];
    if (start + i >= end || b === SUBFIELD_DELIMITER) {
      missing = true;
      subfieldsFrom = start + i;
      break;
    }
    if (!isPrintableAscii(b)) {
      repairs.push({ code: 'E_INDICATOR', message: `indicator ${i + 1} of ${tag} is byte 0x${hex(b)}; replaced by a blank`, at: start + i, tag, occurrence: occurrenceOf(fields, index) });
    }
  }
  if (wide) {
    wide.indicators.forEach((w, i) => {
      if (w.length === 1 && isPrintableAscii(bytes[w.start])) return;
      const what = w.length === 1 ? `byte 0x${hex(bytes[w.start])}` : `the multi-byte character ${JSON.stringify(Buffer.from(bytes.subarray(w.start, w.start + w.length)).toString('utf8'))} (bytes ${[...bytes.subarray(w.start, w.start + w.length)].map(hex).join(' ')})`;
      repairs.push({ code: 'E_INDICATOR', message: `indicator ${i + 1} of ${tag} is ${what}; replaced by a blank`, at: w.start, tag, occurrence: occurrenceOf(fields, index) });
    });
  }
  if (missing) {
    repairs.push({ code: 'E_INDICATOR', message: `${tag} has no indicators; blanks assumed`, at: start, tag, occurrence: occurrenceOf(fields, index) });
  }
  if (subfieldsFrom < end && bytes[subfieldsFrom] !== SUBFIELD_DELIMITER) {
    repairs.push({ code: 'E_SUBFIELD_CODE', message: `${tag} has text before its first subfield delimiter; kept as subfield $_`, at: subfieldsFrom, tag, occurrence: occurrenceOf(fields, index) });
  }
  if (!scan) return undefined;
  // Subfield codes and control characters, in one pass over the field's bytes.
  let controlNoted = false;
  for (let at = subfieldsFrom; at < end; at++) {
    const b = bytes[at]!;
    if (b >= 0x20) continue;
    if (b === SUBFIELD_DELIMITER) {
      const code = bytes[at + 1];
      if (at + 1 >= end || code === SUBFIELD_DELIMITER) {
        repairs.push({ code: 'E_SUBFIELD_CODE', message: `${tag} has an empty subfield (a delimiter with no code); it was dropped`, at, tag, occurrence: occurrenceOf(fields, index) });
      } else if (!isTagByte(code)) {
        return { code: 'E_SUBFIELD_CODE', message: `${tag} has a subfield code that is byte 0x${hex(code)}, not an ASCII graphic character`, at, tag, occurrence: occurrenceOf(fields, index) };
      } else {
        at++; // the code byte
      }
    } else if (b !== 0x1b && !controlNoted) {
      notes.push({ code: 'W_CONTROL_CHARACTER', message: `${tag} contains control character 0x${hex(b)}`, at, tag, occurrence: occurrenceOf(fields, index) });
      controlNoted = true;
    }
  }
  return undefined;
}

/** Length of the complete, valid UTF-8 multi-byte sequence at `at` (2-4), or 0. */
function utf8SequenceLength(bytes: Uint8Array, at: number, end: number): number {
  const b = bytes[at]!;
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || at + length > end) return 0;
  return isUtf8(bytes.subarray(at, at + length)) ? length : 0;
}

/**
 * The indicators' byte extents when at least one of them is a multi-byte UTF-8
 * character and the subfields then start right after them (a delimiter or the
 * end of the field follows); undefined otherwise (every indicator is one byte).
 */
function wideIndicators(
  bytes: Uint8Array,
  start: number,
  end: number,
  indicatorCount: number,
): { indicators: { start: number; length: number }[]; subfieldsStart: number } | undefined {
  // fast path (every well-formed field): no indicator byte beyond ASCII
  let high = false;
  for (let i = 0; i < indicatorCount && start + i < end; i++) if (bytes[start + i]! >= 0x80) high = true;
  if (!high) return undefined;
  const indicators: { start: number; length: number }[] = [];
  let pos = start;
  let wide = false;
  for (let i = 0; i < indicatorCount; i++) {
    if (pos >= end || bytes[pos] === SUBFIELD_DELIMITER) return undefined;
    const length = bytes[pos]! >= 0x80 ? utf8SequenceLength(bytes, pos, end) : 1;
    if (length === 0) return undefined;
    if (length > 1) wide = true;
    indicators.push({ start: pos, length });
    pos += length;
  }
  if (!wide || (pos < end && bytes[pos] !== SUBFIELD_DELIMITER)) return undefined;
  return { indicators, subfieldsStart: pos };
}

function hex(byte: number | undefined): string {
  return byte === undefined ? '--' : byte.toString(16).padStart(2, '0').toUpperCase();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Builds a Warning for a frame problem at a record's place (under the repair's warning code, when it has one). */
export function problemWarning(problem: FrameProblem, place: Place): Warning {
  const where: Place = { ...place };
  if (place.offset !== undefined) where.offset = place.offset + problem.at;
  if (problem.tag !== undefined) where.tag = problem.tag;
  if (problem.occurrence !== undefined) where.occurrence = problem.occurrence;
  return { code: problem.warning ?? problem.code, message: problem.message, place: where };
}
