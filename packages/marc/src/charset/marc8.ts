/**
 * MARC-8 (ISO 2022 subset used by MARC 21), after the Library of Congress
 * specification: G0 = ASCII and G1 = ANSEL at the start of every call and
 * again after every delimiter (0x1D, 0x1E, 0x1F), as MARC tools read each
 * subfield on its own; escape sequences designate other sets:
 *
 *   ESC ( F, ESC , F        G0 ← single-byte set F
 *   ESC ) F, ESC - F        G1 ← single-byte set F   (ESC ) ! E is accepted too)
 *   ESC $ F, ESC $ , F, ESC $ ( F   G0 ← multi-byte set F    (EACC, F = '1')
 *   ESC $ ) F, ESC $ - F    G1 ← multi-byte set F
 *   ESC g / ESC b / ESC p   G0 ← Greek symbols / subscripts / superscripts (technique 1)
 *   ESC s                   G0 ← ASCII
 *
 * Combining marks precede their base character in MARC-8 and follow it in
 * Unicode: the decoder emits base + marks, composed to NFC; the encoder
 * writes marks first.
 */
import {
  MARC8_ALTERNATES,
  MARC8_C1_CONTROLS,
  MARC8_EACC_CODES,
  MARC8_EACC_VALUES,
  MARC8_SINGLE_BYTE_SETS,
  type Marc8SetTable,
} from './marc8-tables.generated.js';
import { scratchToString } from './single-byte.js';
import { describeCodePoint, hexByte, unmappable, type DecodeProblem, type DecodeResult } from './types.js';

const ESC = 0x1b;

interface SingleSet {
  readonly multibyte: false;
  readonly final: number;
  readonly name: string;
  /** Natural slot when encoding: 1 for sets LC lists in the high half (ANSEL, extended Cyrillic/Arabic). */
  readonly slot: 0 | 1;
  readonly technique1: boolean;
  /** 7-bit code → UTF-16 code unit (0 = not defined). */
  readonly chars: Uint16Array;
  /** 7-bit code → 1 when combining. */
  readonly combining: Uint8Array;
}

interface MultiSet {
  readonly multibyte: true;
  readonly final: number;
  readonly name: string;
}

type GraphicSet = SingleSet | MultiSet;

const TECHNIQUE_1 = new Set(['g', 'b', 'p']);

function toSingleSet(t: Marc8SetTable): SingleSet {
  const chars = new Uint16Array(128);
  const combining = new Uint8Array(128);
  for (let k = 0; k < 96; k++) chars[0x20 + k] = t.chars.charCodeAt(k);
  for (const c of t.combining) combining[c] = 1;
  return {
    multibyte: false,
    final: t.final.charCodeAt(0),
    name: t.name,
    slot: t.g1Native ? 1 : 0,
    technique1: TECHNIQUE_1.has(t.final),
    chars,
    combining,
  };
}

const SINGLE_SETS: readonly SingleSet[] = MARC8_SINGLE_BYTE_SETS.map(toSingleSet);
const EACC: MultiSet = { multibyte: true, final: 0x31, name: 'East Asian (EACC)' };
const SET_BY_FINAL = new Map<number, SingleSet>(SINGLE_SETS.map((s) => [s.final, s]));

function mustGet(final: string): SingleSet {
  const s = SET_BY_FINAL.get(final.charCodeAt(0));
  if (!s) throw new Error(`MARC-8 table for set '${final}' missing`);
  return s;
}

const ASCII = mustGet('B');
const ANSEL = mustGet('E');

const C1 = new Map<number, number>(MARC8_C1_CONTROLS.map(([b, u]) => [b, u]));

interface EaccTables {
  readonly decode: Map<number, string>;
  readonly encode: Map<number, number>;
}

let eaccCache: EaccTables | undefined;

/** EACC lookup tables, built on first use (15,739 entries). */
function eaccTables(): EaccTables {
  if (!eaccCache) {
    const decode = new Map<number, string>();
    const encode = new Map<number, number>();
    let v = 0;
    for (let k = 0; k < MARC8_EACC_CODES.length; k += 3) {
      const code =
        (MARC8_EACC_CODES.charCodeAt(k) << 16) | (MARC8_EACC_CODES.charCodeAt(k + 1) << 8) | MARC8_EACC_CODES.charCodeAt(k + 2);
      const cp = MARC8_EACC_VALUES.codePointAt(v) ?? 0xfffd;
      v += cp > 0xffff ? 2 : 1;
      decode.set(code, String.fromCodePoint(cp));
      if (!encode.has(cp)) encode.set(cp, code);
    }
    eaccCache = { decode, encode };
  }
  return eaccCache;
}

/** "Basic Cyrillic (final 'N')" */
function setLabel(s: GraphicSet): string {
  return `${s.name} (final '${String.fromCharCode(s.final)}')`;
}

function escapeText(bytes: Uint8Array, from: number, to: number): string {
  const parts = ['ESC'];
  for (let k = from + 1; k < to; k++) {
    const b = bytes[k] as number;
    parts.push(b > 0x20 && b < 0x7f ? String.fromCharCode(b) : hexByte(b));
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------------------
// decode

let scratch = new Uint16Array(1024);

function markList(marks: string): string {
  return [...marks].map((m) => describeCodePoint(m.codePointAt(0) ?? 0)).join(', ');
}

export function decodeMarc8(bytes: Uint8Array, start: number, end: number): DecodeResult {
  // every byte yields at most one code unit, except EACC (3 bytes → ≤ 2 units) and NFC, which never grows
  if (scratch.length < end - start + 8) scratch = new Uint16Array(Math.max(end - start + 8, scratch.length * 2));
  let units = scratch;
  let u = 0;
  let g0: GraphicSet = ASCII;
  let g1: GraphicSet = ANSEL;
  /** pending combining marks (they precede their base in MARC-8) */
  let marks = '';
  let marksAt = 0;
  let problems: DecodeProblem[] | undefined;
  /** the base character to emit in this iteration, or -1 */
  let base = -1;
  let baseText = '';

  let i = start;
  while (i < end) {
    const b = bytes[i] as number;

    // the common case: ASCII in G0, no pending marks
    if (b >= 0x20 && b < 0x7f && g0 === ASCII && marks.length === 0) {
      units[u++] = b;
      i++;
      continue;
    }

    if (b === ESC) {
      const j = i + 1;
      if (j >= end) {
        (problems ??= []).push({ offset: i - start, message: 'escape (0x1B) at the end of the data; replaced by U+FFFD' });
        units[u++] = 0xfffd;
        i = end;
        break;
      }
      const c = bytes[j] as number;
      if (c === 0x67 || c === 0x62 || c === 0x70) {
        g0 = SET_BY_FINAL.get(c) ?? g0;
        i = j + 1;
        continue;
      }
      if (c === 0x73) {
        g0 = ASCII;
        i = j + 1;
        continue;
      }
      let k = j;
      while (k < end && k - j < 4 && (bytes[k] as number) >= 0x20 && (bytes[k] as number) <= 0x2f) k++;
      if (k === j) {
        // ESC + something that is neither an intermediate nor a technique-1 final
        const len = c >= 0x30 && c <= 0x7e ? 2 : 1;
        (problems ??= []).push({ offset: i - start, message: `unknown escape sequence ${escapeText(bytes, i, i + len)}; replaced by U+FFFD` });
        units[u++] = 0xfffd;
        i += len;
        continue;
      }
      if (k >= end || (bytes[k] as number) < 0x30 || (bytes[k] as number) > 0x7e) {
        (problems ??= []).push({ offset: i - start, message: `incomplete escape sequence ${escapeText(bytes, i, k)}; replaced by U+FFFD` });
        units[u++] = 0xfffd;
        i = k;
        continue;
      }
      const final = bytes[k] as number;
      let p = j;
      const multibyte = bytes[p] === 0x24; // '$'
      if (multibyte) p++;
      let slot: 0 | 1 | -1 = -1;
      if (p === k) slot = multibyte ? 0 : -1;
      else {
        const inter = bytes[p] as number;
        if (inter === 0x28 || inter === 0x2c) slot = 0; // ( ,
        else if (inter === 0x29 || inter === 0x2d) slot = 1; // ) -
        p++;
        if (p < k && bytes[p] === 0x21) p++; // '!' as in ESC ) ! E
        if (p !== k) slot = -1;
      }
      const set: GraphicSet | undefined = multibyte ? (final === 0x31 ? EACC : undefined) : SET_BY_FINAL.get(final);
      if (slot === -1 || !set) {
        const what = slot === -1 ? 'is not a valid MARC-8 escape sequence' : 'designates a character set MARC-8 does not define';
        (problems ??= []).push({ offset: i - start, message: `${escapeText(bytes, i, k + 1)} ${what}; replaced by U+FFFD` });
        units[u++] = 0xfffd;
        i = k + 1;
        continue;
      }
      if (slot === 0) g0 = set;
      else g1 = set;
      i = k + 1;
      continue;
    }

    if (b < 0x20 || b === 0x7f || (b >= 0x80 && b < 0xa0)) {
      // controls: marks cannot attach across them
      if (marks.length > 0) {
        (problems ??= []).push({
          offset: marksAt - start,
          message: `combining mark(s) ${markList(marks)} before control ${hexByte(b)}: no base character follows; kept as they are`,
        });
        for (let m = 0; m < marks.length; m++) units[u++] = marks.charCodeAt(m);
        marks = '';
      }
      if (b < 0x80) {
        units[u++] = b;
        if (b >= 0x1d && b <= 0x1f) {
          g0 = ASCII;
          g1 = ANSEL;
        }
      } else {
        const cu = C1.get(b);
        if (cu === undefined) {
          (problems ??= []).push({ offset: i - start, message: `byte ${hexByte(b)} is a C1 control MARC-8 does not define; replaced by U+FFFD` });
          units[u++] = 0xfffd;
        } else {
          units[u++] = cu;
        }
      }
      i++;
      continue;
    }

    base = -1;
    baseText = '';
    if (b === 0x20) {
      base = 0x20;
      i++;
    } else {
      const set = b < 0x80 ? g0 : g1;
      if (set.multibyte) {
        const hi = b & 0x80;
        let n = 1;
        while (n < 3 && i + n < end) {
          const x = bytes[i + n] as number;
          if ((x & 0x80) !== hi || (x & 0x7f) < 0x20 || (x & 0x7f) > 0x7e) break;
          n++;
        }
        if (b === 0xa0 || b === 0xff || n < 3) {
          (problems ??= []).push({ offset: i - start, message: `incomplete ${setLabel(set)} character (${n} of 3 bytes); replaced by U+FFFD` });
          base = 0xfffd;
          i += n;
        } else {
          const code = ((b & 0x7f) << 16) | (((bytes[i + 1] as number) & 0x7f) << 8) | ((bytes[i + 2] as number) & 0x7f);
          const ch = eaccTables().decode.get(code);
          if (ch === undefined) {
            (problems ??= []).push({
              offset: i - start,
              message: `bytes ${hexByte(b)} ${hexByte(bytes[i + 1] as number)} ${hexByte(bytes[i + 2] as number)} are not defined in ${setLabel(set)}; replaced by U+FFFD`,
            });
            base = 0xfffd;
          } else if (ch.length === 1) {
            base = ch.charCodeAt(0);
          } else {
            baseText = ch;
          }
          i += 3;
        }
      } else {
        const code = b & 0x7f;
        const cu = b === 0xa0 || b === 0xff ? 0 : (set.chars[code] as number);
        if (cu === 0) {
          (problems ??= []).push({
            offset: i - start,
            message: `byte ${hexByte(b)} is not defined in ${setLabel(set)} (designated as G${b < 0x80 ? 0 : 1}); replaced by U+FFFD`,
          });
          base = 0xfffd;
        } else if (set.combining[code] === 1) {
          if (marks.length === 0) marksAt = i;
          marks += String.fromCharCode(cu);
        } else {
          base = cu;
        }
        i++;
      }
    }

    if (base < 0 && baseText === '') continue; // a combining mark: wait for its base
    if (marks.length === 0 && base >= 0) {
      units[u++] = base;
      continue;
    }
    const text = (baseText || String.fromCharCode(base)) + marks;
    const composed = marks.length > 0 ? text.normalize('NFC') : text;
    marks = '';
    if (u + composed.length > units.length) {
      const bigger = new Uint16Array((u + composed.length) * 2 + (end - i));
      bigger.set(units.subarray(0, u));
      units = scratch = bigger;
    }
    for (let m = 0; m < composed.length; m++) units[u++] = composed.charCodeAt(m);
  }
  if (marks.length > 0) {
    (problems ??= []).push({
      offset: marksAt - start,
      message: `combining mark(s) ${markList(marks)} at the end of the data: no base character follows; kept as they are`,
    });
    if (u + marks.length > units.length) {
      const bigger = new Uint16Array(u + marks.length);
      bigger.set(units.subarray(0, u));
      units = scratch = bigger;
    }
    for (let m = 0; m < marks.length; m++) units[u++] = marks.charCodeAt(m);
  }
  return { text: scratchToString(units, u), problems: problems ?? [] };
}

// ---------------------------------------------------------------------------
// encode

interface Location {
  readonly set: GraphicSet;
  /** 7-bit code (single-byte) or 24-bit 7-bit-per-byte code (EACC). */
  readonly code: number;
  readonly combining: boolean;
}

interface EncodeIndex {
  /** per single-byte set: code point → location */
  readonly perSet: Map<GraphicSet, Map<number, Location>>;
  /** code point → locations in preference order */
  readonly all: Map<number, Location[]>;
}

let encodeIndex: EncodeIndex | undefined;

function getEncodeIndex(): EncodeIndex {
  if (encodeIndex) return encodeIndex;
  const perSet = new Map<GraphicSet, Map<number, Location>>();
  const all = new Map<number, Location[]>();
  const add = (loc: Location, cp: number): void => {
    let m = perSet.get(loc.set);
    if (!m) perSet.set(loc.set, (m = new Map()));
    if (m.has(cp)) return;
    m.set(cp, loc);
    let list = all.get(cp);
    if (!list) all.set(cp, (list = []));
    list.push(loc);
  };
  for (const set of SINGLE_SETS) {
    for (let code = 0x21; code <= 0x7e; code++) {
      const cu = set.chars[code] as number;
      if (cu !== 0) add({ set, code, combining: set.combining[code] === 1 }, cu);
    }
  }
  for (const [cp, final, code] of MARC8_ALTERNATES) {
    const set = SET_BY_FINAL.get(final.charCodeAt(0));
    if (set) add({ set, code, combining: set.combining[code] === 1 }, cp);
  }
  for (const [cp, code] of eaccTables().encode) add({ set: EACC, code, combining: false }, cp);
  encodeIndex = { perSet, all };
  return encodeIndex;
}

/** U+0020 is 0x20 whatever G0 holds: it never needs a designation. */
const SPACE: Location = { set: ASCII, code: 0x20, combining: false };

function naturalSlot(set: GraphicSet): 0 | 1 {
  return set.multibyte ? 0 : set.slot;
}

class Marc8Writer {
  readonly out: number[] = [];
  g0: GraphicSet = ASCII;
  g1: GraphicSet = ANSEL;

  constructor(private readonly index: EncodeIndex) {}

  /** Where to take cp from, preferring the sets already designated. */
  locate(cp: number, combining: boolean): Location | undefined {
    if (cp === 0x20) return combining ? undefined : SPACE;
    const inG0 = this.index.perSet.get(this.g0)?.get(cp);
    if (inG0 && inG0.combining === combining) return inG0;
    const inG1 = this.index.perSet.get(this.g1)?.get(cp);
    if (inG1 && inG1.combining === combining) return inG1;
    return this.index.all.get(cp)?.find((l) => l.combining === combining);
  }

  write(loc: Location): void {
    const out = this.out;
    if (loc === SPACE) {
      out.push(0x20);
      return;
    }
    let slot: 0 | 1;
    if (this.g0 === loc.set) slot = 0;
    else if (this.g1 === loc.set) slot = 1;
    else {
      slot = naturalSlot(loc.set);
      this.designate(loc.set, slot);
    }
    if (loc.set.multibyte) {
      const hi = slot === 1 ? 0x80 : 0;
      out.push(((loc.code >> 16) & 0x7f) | hi, ((loc.code >> 8) & 0x7f) | hi, (loc.code & 0x7f) | hi);
    } else {
      out.push(slot === 1 ? loc.code | 0x80 : loc.code);
    }
  }

  designate(set: GraphicSet, slot: 0 | 1): void {
    const out = this.out;
    if (slot === 0) {
      if (this.g0 === set) return;
      if (set.multibyte) out.push(ESC, 0x24, set.final);
      else if (set.technique1) out.push(ESC, set.final);
      else if (set === ASCII && !this.g0.multibyte && this.g0.technique1) out.push(ESC, 0x73);
      else out.push(ESC, 0x28, set.final);
      this.g0 = set;
    } else {
      if (this.g1 === set) return;
      if (set.multibyte) out.push(ESC, 0x24, 0x29, set.final);
      else out.push(ESC, 0x29, set.final);
      this.g1 = set;
    }
  }

  reset(): void {
    this.designate(ASCII, 0);
    this.designate(ANSEL, 1);
  }
}

const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;
const IS_MARK = /^\p{M}/u;

function codePoints(s: string): number[] {
  const cps: number[] = [];
  for (const ch of s) cps.push(ch.codePointAt(0) ?? 0);
  return cps;
}

/**
 * Locations for one cluster (base + following marks) in MARC-8 order: the
 * marks MARC-8 has as combining characters first, then the base, then marks
 * MARC-8 has only as spacing characters (e.g. Arabic U+0670), which follow
 * the base as they do in Unicode. Undefined when something is missing.
 */
function planCluster(w: Marc8Writer, cps: readonly number[]): Location[] | undefined {
  const base = w.locate(cps[0] ?? 0, false);
  if (!base) return undefined;
  const pre: Location[] = [];
  const post: Location[] = [];
  for (let k = 1; k < cps.length; k++) {
    const m = cps[k] ?? 0;
    if (post.length === 0) {
      const c = w.locate(m, true);
      if (c) {
        pre.push(c);
        continue;
      }
    }
    const n = w.locate(m, false);
    if (!n) return undefined;
    post.push(n);
  }
  return [...pre, base, ...post];
}

const PLAIN_ASCII = /^[\u0000-\u001a\u001c-\u007f]*$/;

export function encodeMarc8(text: string): Uint8Array {
  if (PLAIN_ASCII.test(text)) {
    const plain = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) plain[i] = text.charCodeAt(i);
    return plain;
  }
  const index = getEncodeIndex();
  const w = new Marc8Writer(index);
  const out = w.out;
  CLUSTER.lastIndex = 0;
  for (let m = CLUSTER.exec(text); m; m = CLUSTER.exec(text)) {
    const cluster = m[0];
    const at = m.index;
    const first = cluster.codePointAt(0) ?? 0;
    if (first < 0x20 || first === 0x7f) {
      if (first === ESC) throw unmappable(first, at, 'marc8', ' (ESC is reserved for escape sequences)');
      if (first >= 0x1d && first <= 0x1f) w.reset();
      out.push(first);
      // A mark right after a control character (a line break, a delimiter) has no base: it is
      // written as a mark at the start of text is, below.
      let offset = 1;
      for (const cp of codePoints(cluster.slice(1))) {
        const l = w.locate(cp, false);
        if (!l) throw unmappable(cp, at + offset, 'marc8', ' (a combining mark without a base character: MARC-8 writes marks before their base)');
        w.write(l);
        offset += cp > 0xffff ? 2 : 1;
      }
      continue;
    }
    if (first === 0x20 && cluster.length === 1) {
      out.push(0x20);
      continue;
    }
    if (cluster.length === 1 && ((first >= 0x80 && first < 0xa0) || first === 0x200c || first === 0x200d)) {
      const c1 = [...C1].find(([, u]) => u === first);
      if (!c1) throw unmappable(first, at, 'marc8');
      out.push(c1[0]);
      continue;
    }
    const cps = codePoints(cluster);
    if (IS_MARK.test(cluster)) {
      // marks with no base before them: only writable when MARC-8 has them as spacing characters
      let offset = 0;
      for (const cp of cps) {
        const l = w.locate(cp, false);
        if (!l) {
          throw unmappable(cp, at + offset, 'marc8', ' (a combining mark without a base character: MARC-8 writes marks before their base)');
        }
        w.write(l);
        offset += cp > 0xffff ? 2 : 1;
      }
      continue;
    }
    // 1. as written; 2. the longest precomposed base MARC-8 has (й, ё, ơ …) plus the remaining marks
    let locs = planCluster(w, cps);
    if (!locs) {
      const nfd = codePoints(cluster.normalize('NFD'));
      const nfdBase = nfd[0] ?? 0;
      const nfdMarks = nfd.slice(1);
      for (let k = nfdMarks.length; k >= 0 && !locs; k--) {
        const composed = codePoints(String.fromCodePoint(nfdBase, ...nfdMarks.slice(0, k)).normalize('NFC'));
        if (composed.length !== 1) continue;
        locs = planCluster(w, [composed[0] ?? 0, ...nfdMarks.slice(k)]);
      }
    }
    if (!locs) {
      // name the culprit: the first code point of the cluster that MARC-8 has in no form
      let offset = 0;
      for (const cp of cps) {
        const isMark = offset > 0;
        const found = isMark ? (w.locate(cp, true) ?? w.locate(cp, false)) : (w.locate(cp, false) ?? findDecomposable(w, cp));
        if (!found) throw unmappable(cp, at + offset, 'marc8');
        offset += cp > 0xffff ? 2 : 1;
      }
      throw unmappable(first, at, 'marc8', ' (this combination of base and marks)');
    }
    for (const l of locs) w.write(l);
  }
  w.reset();
  return Uint8Array.from(out);
}

/** A base whose NFD form MARC-8 can spell (e.g. é → e + acute) counts as representable. */
function findDecomposable(w: Marc8Writer, cp: number): Location | undefined {
  const nfd = codePoints(String.fromCodePoint(cp).normalize('NFD'));
  if (nfd.length < 2) return undefined;
  const base = w.locate(nfd[0] ?? 0, false);
  if (!base) return undefined;
  for (const m of nfd.slice(1)) if (!w.locate(m, true)) return undefined;
  return base;
}

/** Every character MARC-8 can encode as a base (for tests and docs). */
export function marc8Repertoire(): { bases: number[]; marks: number[] } {
  const index = getEncodeIndex();
  const bases: number[] = [];
  const marks: number[] = [];
  for (const [cp, locs] of index.all) {
    if (locs.some((l) => !l.combining)) bases.push(cp);
    if (locs.some((l) => l.combining)) marks.push(cp);
  }
  return { bases, marks };
}

// ---------------------------------------------------------------------------
// detection support

export interface Marc8EscapeScan {
  /** Escape sequences that designate a MARC-8 set. */
  valid: number;
  /** ESC bytes that do not start a MARC-8 designation. */
  invalid: number;
  /** Names of the sets designated, e.g. "Basic Cyrillic". */
  sets: Set<string>;
}

/** Count MARC-8 designations in bytes[start, end) without decoding. */
export function scanMarc8Escapes(bytes: Uint8Array, start: number, end: number): Marc8EscapeScan {
  const scan: Marc8EscapeScan = { valid: 0, invalid: 0, sets: new Set() };
  for (let i = bytes.indexOf(ESC, start); i >= 0 && i < end; i = bytes.indexOf(ESC, i + 1)) {
    const c = bytes[i + 1];
    if (c === undefined || i + 1 >= end) {
      scan.invalid++;
      break;
    }
    if (c === 0x67 || c === 0x62 || c === 0x70 || c === 0x73) {
      scan.valid++;
      scan.sets.add(c === 0x73 ? ASCII.name : (SET_BY_FINAL.get(c)?.name ?? ''));
      continue;
    }
    let p = i + 1;
    const multibyte = bytes[p] === 0x24;
    if (multibyte) p++;
    if (p < end && (bytes[p] === 0x28 || bytes[p] === 0x2c || bytes[p] === 0x29 || bytes[p] === 0x2d)) p++;
    else if (!multibyte) {
      scan.invalid++;
      continue;
    }
    if (p < end && bytes[p] === 0x21) p++;
    const final = p < end ? (bytes[p] as number) : -1;
    const set: GraphicSet | undefined = multibyte ? (final === 0x31 ? EACC : undefined) : SET_BY_FINAL.get(final);
    if (set) {
      scan.valid++;
      scan.sets.add(set.name);
    } else {
      scan.invalid++;
    }
  }
  return scan;
}

/** ANSEL view of a byte ≥ 0x80 for the detector: 0 undefined, 1 spacing graphic, 2 combining, 3 C1 control MARC-8 defines. */
export const ANSEL_KIND: Uint8Array = (() => {
  const kind = new Uint8Array(256);
  for (let b = 0xa1; b <= 0xfe; b++) {
    const code = b & 0x7f;
    if ((ANSEL.chars[code] as number) !== 0) kind[b] = ANSEL.combining[code] === 1 ? 2 : 1;
  }
  for (const b of C1.keys()) kind[b] = 3;
  return kind;
})();

/** For ANSEL combining byte b and ASCII letter l: does Unicode have the letter precomposed (é, ť, ş …)? */
export function anselComposes(b: number, letter: number): boolean {
  let row = composeCache.get(b);
  if (!row) {
    row = new Uint8Array(128);
    const mark = ANSEL.chars[b & 0x7f] as number;
    for (let l = 0x41; l <= 0x7a; l++) {
      if (mark !== 0 && String.fromCharCode(l, mark).normalize('NFC').length === 1) row[l] = 1;
    }
    composeCache.set(b, row);
  }
  return row[letter] === 1;
}
const composeCache = new Map<number, Uint8Array>();
