import { isUtf8 } from 'node:buffer';
import type { Code, Place, Warning } from '@kitap/core';
import { Leader } from '../record/leader.js';
import {
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
}

const decoder = new TextDecoder('latin1');

/**
 * A control character other than the delimiters and ESC (MARC-8 escapes), or a
 * subfield delimiter not followed by an ASCII graphic code.
 */
const NEEDS_BYTE_SCAN = /[\x00-\x1a\x1c\x1d]|\x1f(?![\x21-\x7e])/;

function asciiText(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}

function isPrintableAscii(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x20 && byte <= 0x7e;
}

function isTagByte(byte: number | undefined): boolean {
  return byte !== undefined && byte > 0x20 && byte <= 0x7e;
}

/**
 * Validates a framed record's structure (leader, directory, base address, field
 * and subfield delimiters) and locates its fields. Text is not decoded here.
 */
export function parseFrame(bytes: Uint8Array): ParsedFrame {
  const repairs: FrameProblem[] = [];
  const notes: FrameProblem[] = [];
  const length = bytes.length;
  const fail = (code: Code, message: string, at: number): ParsedFrame => ({
    leader: Leader.DEFAULT,
    indicatorCount: 2,
    fields: [],
    repairs,
    notes,
    fatal: { code, message, at },
  });

  if (length < LEADER_LENGTH + 1) return fail('E_TRUNCATED', `only ${length} bytes, shorter than a leader`, 0);
  if (bytes[length - 1] !== RECORD_TERMINATOR) return fail('E_TRUNCATED', 'the record has no record terminator (0x1D)', length - 1);

  // Leader: structural positions must be digits.
  let leaderText = '';
  let printable = true;
  for (let i = 0; i < LEADER_LENGTH && printable; i++) printable = isPrintableAscii(bytes[i]);
  if (printable) leaderText = decoder.decode(bytes.subarray(0, LEADER_LENGTH));
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

  let indicatorCount = leader.indicatorCount;
  if (indicatorCount === undefined) {
    repairs.push({ code: 'E_LEADER', message: `leader/10 (indicator count) is ${JSON.stringify(leader.at(10))}, not a digit; 2 assumed`, at: 10 });
    indicatorCount = 2;
    leader = leader.with(10, '2');
  }
  if (indicatorCount > 2) {
    return fail('E_LEADER', `leader/10 says ${indicatorCount} indicators; only MARC21 and UNIMARC layouts with up to 2 are supported (danMARC2 uses 3)`, 10);
  }
  if (indicatorCount < 2) {
    repairs.push({ code: 'E_LEADER', message: `leader/10 says ${indicatorCount} indicators; missing indicators are read as blanks`, at: 10 });
  }
  if (leader.subfieldCodeLength !== 2) {
    if (leader.subfieldCodeLength === undefined || leader.subfieldCodeLength === 0) {
      repairs.push({ code: 'E_LEADER', message: `leader/11 (subfield code length) is ${JSON.stringify(leader.at(11))}; 2 assumed`, at: 11 });
      leader = leader.with(11, '2');
    } else {
      return fail('E_LEADER', `leader/11 (subfield code length) is ${leader.at(11)}; only 2 (delimiter and one-character code) is supported`, 11);
    }
  }
  if (leader.at(20) !== '4' || leader.at(21) !== '5' || (leader.at(22) !== '0' && leader.at(22) !== ' ')) {
    repairs.push({ code: 'E_LEADER', message: `leader/20-22 (entry map) is ${JSON.stringify(leader.entryMap.slice(0, 3))}; "450" assumed`, at: 20 });
    leader = leader.with(20, '450');
  }

  // Base address: must point just after the directory terminator.
  const firstFieldTerminator = bytes.indexOf(FIELD_TERMINATOR, LEADER_LENGTH);
  if (firstFieldTerminator < 0) return fail('E_BASE_ADDRESS', 'no directory terminator (0x1E) in the record', LEADER_LENGTH);
  let base = readDigits(bytes, 12, 5);
  if (base !== firstFieldTerminator + 1) {
    const said = base < 0 ? `${JSON.stringify(leader.value.slice(12, 17))} (not a number)` : String(base);
    if (base > 0 && base < length && bytes[base - 1] === FIELD_TERMINATOR && (base - 1 - LEADER_LENGTH) % DIRECTORY_ENTRY_LENGTH === 0) {
      // A 0x1E inside the directory region would be odd, but the declared base is consistent: keep it.
    } else {
      if (base < 0) return failOrRepairBase('E_BASE_ADDRESS', `leader/12-16 (base address) is ${said}`);
      repairs.push({ code: 'E_BASE_ADDRESS', message: `base address is ${said} but the directory ends at byte ${firstFieldTerminator}; ${firstFieldTerminator + 1} used`, at: 12 });
      base = firstFieldTerminator + 1;
    }
  }

  function failOrRepairBase(code: Code, message: string): ParsedFrame {
    // A non-numeric base address is repaired like a wrong one, but keeps its own code.
    repairs.push({ code, message: `${message}; ${firstFieldTerminator + 1} used`, at: 12 });
    return finish(firstFieldTerminator + 1);
  }

  return finish(base);

  function finish(baseAddress: number): ParsedFrame {
    const directoryEnd = baseAddress - 1;
    const directoryLength = directoryEnd - LEADER_LENGTH;
    const entryCount = Math.floor(directoryLength / DIRECTORY_ENTRY_LENGTH);
    const dataEnd = length - 1; // record terminator
    let reframe = false;
    if (directoryLength % DIRECTORY_ENTRY_LENGTH !== 0) {
      const realigned = realignDirectory(bytes, baseAddress, dataEnd, directoryLength);
      if (realigned) {
        repairs.push({ code: 'E_DIRECTORY', message: `the directory is ${directoryLength} bytes, not a multiple of 12; ${realigned.how}, after which every entry matches the field terminators`, at: LEADER_LENGTH });
        return checkFields(realigned.fields);
      }
      repairs.push({ code: 'E_DIRECTORY', message: `the directory is ${directoryLength} bytes, not a multiple of 12`, at: LEADER_LENGTH });
      reframe = true;
    }
    if (entryCount === 0) return { ...fail('E_NO_FIELDS', 'the directory is empty', LEADER_LENGTH), leader };

    const raw: { tag: string; len: number; start: number }[] = [];
    for (let e = 0; e < entryCount; e++) {
      const at = LEADER_LENGTH + e * DIRECTORY_ENTRY_LENGTH;
      const t0 = bytes[at], t1 = bytes[at + 1], t2 = bytes[at + 2];
      if (!isTagByte(t0) || !isTagByte(t1) || !isTagByte(t2)) {
        return { ...fail('E_TAG', `directory entry ${e + 1} has tag bytes ${hex(t0)} ${hex(t1)} ${hex(t2)}, not three ASCII graphic characters`, at), leader };
      }
      const tag = String.fromCharCode(t0!, t1!, t2!);
      const len = readDigits(bytes, at + 3, 4);
      const start = readDigits(bytes, at + 7, 5);
      if (len < 0 || start < 0) {
        repairs.push({ code: 'E_DIRECTORY', message: `directory entry ${e + 1} (${tag}) has a length or offset that is not a number: ${JSON.stringify(asciiText(bytes, at + 3, at + 12))}`, at });
        reframe = true;
      } else if (len < 1 || baseAddress + start + len > dataEnd || bytes[baseAddress + start + len - 1] !== FIELD_TERMINATOR) {
        reframe = true;
      }
      raw.push({ tag, len, start });
    }

    let fields: FieldExtent[];
    if (!reframe) {
      fields = raw.map((r) => ({ tag: r.tag, start: baseAddress + r.start, end: baseAddress + r.start + r.len - 1, data: true }));
    } else {
      const byCharacters = locateByCharacters(bytes, baseAddress, dataEnd, raw);
      if (byCharacters) {
        fields = byCharacters.fields;
        repairs.push({ code: 'E_FIELD_BOUNDS', message: 'directory lengths and offsets count characters, not bytes; fields were located by character offsets', at: LEADER_LENGTH });
        for (const tag of byCharacters.split) {
          repairs.push({ code: 'E_FIELD_BOUNDS', message: `the directory entry for ${tag} covers more than one field terminator; it was read as several ${tag} fields`, at: LEADER_LENGTH, tag });
        }
      } else {
        const located = locateByTerminators(bytes, baseAddress, dataEnd, raw);
        if (typeof located === 'string') return { ...fail('E_FIELD_BOUNDS', located, baseAddress), leader };
        fields = located;
        repairs.push({ code: 'E_FIELD_BOUNDS', message: 'directory lengths or offsets do not match the field terminators; fields were located by their terminators', at: LEADER_LENGTH });
      }
    }

    return checkFields(fields);
  }

  // Field structure: control or data, indicators, subfield codes.
  function checkFields(fields: FieldExtent[]): ParsedFrame {
    // One native pass over the record tells whether any byte-level check can fail:
    // in a sound record every 0x1F is followed by a graphic code and there are no
    // other control characters. Only then are fields scanned byte by byte.
    const text = (Buffer.from(bytes.buffer, bytes.byteOffset, length) as Buffer & { latin1Slice(s: number, e: number): string }).latin1Slice(0, length - 1);
    const scan = NEEDS_BYTE_SCAN.test(text);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const problem = checkField(bytes, field, indicatorCount!, repairs, notes, fields, i, scan);
      // the problem keeps its tag and occurrence, so the reject names the field
      if (problem) return { ...fail(problem.code, problem.message, problem.at), fatal: problem, leader };
    }
    return { leader, indicatorCount: indicatorCount!, fields, repairs, notes };
  }
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

function checkField(
  bytes: Uint8Array,
  field: FieldExtent,
  indicatorCount: number,
  repairs: FrameProblem[],
  notes: FrameProblem[],
  fields: readonly FieldExtent[],
  index: number,
  scan: boolean,
): FrameProblem | undefined {
  const { start, end, tag } = field;
  // Which occurrence of its tag this field is: only needed for messages, so counted lazily.
  let counted = -1;
  const occurrenceOf = (): number => {
    if (counted < 0) {
      counted = 0;
      for (let i = 0; i < index; i++) if (fields[i]!.tag === tag) counted++;
    }
    return counted;
  };
  const isControlTag = tag.charCodeAt(0) === 0x30 && tag.charCodeAt(1) === 0x30;
  // A 00X field is a control field unless it is laid out like a data field (danMARC-style 001 with subfields).
  if (isControlTag && !(end - start > indicatorCount && bytes[start + indicatorCount] === SUBFIELD_DELIMITER)) {
    field.data = false;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b === SUBFIELD_DELIMITER) {
        notes.push({ code: 'W_CONTROL_CHARACTER', message: `control field ${tag} contains a subfield delimiter (0x1F)`, at: i, tag, occurrence: occurrenceOf() });
        break;
      }
    }
    noteControlCharacters(bytes, start, end, tag, occurrenceOf(), notes);
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
      repairs.push({ code: 'E_INDICATOR', message: `indicator ${i + 1} of ${tag} is byte 0x${hex(b)}; replaced by a blank`, at: start + i, tag, occurrence: occurrenceOf() });
    }
  }
  if (wide) {
    wide.indicators.forEach((w, i) => {
      if (w.length === 1 && isPrintableAscii(bytes[w.start])) return;
      const what = w.length === 1 ? `byte 0x${hex(bytes[w.start])}` : `the multi-byte character ${JSON.stringify(Buffer.from(bytes.subarray(w.start, w.start + w.length)).toString('utf8'))} (bytes ${[...bytes.subarray(w.start, w.start + w.length)].map(hex).join(' ')})`;
      repairs.push({ code: 'E_INDICATOR', message: `indicator ${i + 1} of ${tag} is ${what}; replaced by a blank`, at: w.start, tag, occurrence: occurrenceOf() });
    });
  }
  if (missing) {
    repairs.push({ code: 'E_INDICATOR', message: `${tag} has no indicators; blanks assumed`, at: start, tag, occurrence: occurrenceOf() });
  }
  if (subfieldsFrom < end && bytes[subfieldsFrom] !== SUBFIELD_DELIMITER) {
    repairs.push({ code: 'E_SUBFIELD_CODE', message: `${tag} has text before its first subfield delimiter; kept as subfield $_`, at: subfieldsFrom, tag, occurrence: occurrenceOf() });
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
        repairs.push({ code: 'E_SUBFIELD_CODE', message: `${tag} has an empty subfield (a delimiter with no code); it was dropped`, at, tag, occurrence: occurrenceOf() });
      } else if (!isTagByte(code)) {
        return { code: 'E_SUBFIELD_CODE', message: `${tag} has a subfield code that is byte 0x${hex(code)}, not an ASCII graphic character`, at, tag, occurrence: occurrenceOf() };
      } else {
        at++; // the code byte
      }
    } else if (b !== 0x1b && !controlNoted) {
      notes.push({ code: 'W_CONTROL_CHARACTER', message: `${tag} contains control character 0x${hex(b)}`, at, tag, occurrence: occurrenceOf() });
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

function noteControlCharacters(bytes: Uint8Array, start: number, end: number, tag: string, occurrence: number, notes: FrameProblem[]): void {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== SUBFIELD_DELIMITER && b !== 0x1b) {
      notes.push({ code: 'W_CONTROL_CHARACTER', message: `${tag} contains control character 0x${hex(b)}`, at: i, tag, occurrence });
      return;
    }
  }
}

function hex(byte: number | undefined): string {
  return byte === undefined ? '--' : byte.toString(16).padStart(2, '0').toUpperCase();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Builds a Warning for a frame problem at a record's place. */
export function problemWarning(problem: FrameProblem, place: Place): Warning {
  const where: Place = { ...place };
  if (place.offset !== undefined) where.offset = place.offset + problem.at;
  if (problem.tag !== undefined) where.tag = problem.tag;
  if (problem.occurrence !== undefined) where.occurrence = problem.occurrence;
  return { code: problem.code, message: problem.message, place: where };
}
