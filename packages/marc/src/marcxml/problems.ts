/**
 * What the three text codecs (MARCXML, MARC-in-JSON, mnemonic) share: how a
 * problem found while building one record is handled in each read mode, and
 * the rules a tag, an indicator and a subfield code must follow.
 *
 * (It lives under marcxml/ only because that is where it was written first;
 * mij/ and mrk/ import it from here.)
 */
import { type Code, KitapError, type Place, type Reject, type Warning } from '@kitap/core';
import type { Normalization, ReadItem, ReadMode, ReadOptions } from '../read-types.js';
import type { Field } from '../record/field.js';
import type { MarcRecord } from '../record/record.js';
import { hasLoneSurrogate } from '../record/well-formed.js';
import { codePointLabel, findIllegalXmlChar } from './xml-text.js';

export interface Problem {
  code: Code;
  message: string;
  place: Place;
}

/**
 * Collects the problems of one record and applies the read mode:
 * - `fail`: nothing can repair it — strict throws, skip and lenient reject the record;
 * - `repair`: lenient applies the repair the caller describes and keeps a warning,
 *   strict throws, skip rejects;
 * - `notice`: nothing of the record is lost; a warning in every mode.
 * Callers always go on with the repaired value, so a record that is going to be
 * rejected is still parsed to the end (its reject then names the first problem).
 */
export class RecordProblems {
  readonly warnings: Warning[] = [];
  readonly errors: Problem[] = [];

  constructor(
    readonly mode: ReadMode,
    readonly place: Place,
  ) {}

  at(where: Partial<Place> | undefined): Place {
    return where ? { ...this.place, ...where } : this.place;
  }

  fail(code: Code, message: string, where?: Partial<Place>): void {
    const place = this.at(where);
    if (this.mode === 'strict') throw new KitapError(code, message, place);
    this.errors.push({ code, message, place });
  }

  /**
   * `message` reads "what is wrong; what was done about it." — the warning
   * keeps all of it, the error (strict, skip) only the part before the last "; ".
   */
  repair(code: Code, warning: Code, message: string, where?: Partial<Place>): void {
    if (this.mode === 'lenient') {
      this.warnings.push({ code: warning, message, place: this.at(where) });
      return;
    }
    const cut = message.lastIndexOf('; ');
    this.fail(code, cut > 0 ? `${message.slice(0, cut)}.` : message, where);
  }

  notice(warning: Code, message: string, where?: Partial<Place>): void {
    this.warnings.push({ code: warning, message, place: this.at(where) });
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** The record as a reject: the first problem's code and place, every message. */
  toReject(raw: string | Uint8Array): Reject {
    const first = this.errors[0]!;
    const others = this.errors.length - 1;
    const shown = [...new Set(this.errors.slice(1).map((e) => e.message))].slice(0, 3);
    const more = others > 0 ? ` (and ${others} more problem${others > 1 ? 's' : ''}: ${shown.join(' ')}${others > shown.length ? ' …' : ''})` : '';
    return { code: first.code, message: first.message + more, place: first.place, raw };
  }
}

/** A reject item for one problem outside any record (or a record that could not be parsed at all). */
export function rejectItem(mode: ReadMode, code: Code, message: string, place: Place, raw: string | Uint8Array): ReadItem {
  if (mode === 'strict') throw new KitapError(code, message, place);
  return { kind: 'reject', reject: { code, message, place, raw } };
}

/** The item for a finished record: a reject when a problem was not repaired, else the record with its warnings. */
export function finishRecord(problems: RecordProblems, build: () => MarcRecord, raw: string | Uint8Array): ReadItem {
  if (problems.failed) return { kind: 'reject', reject: problems.toReject(raw) };
  const record = build();
  record.place = problems.place;
  record.warnings.push(...problems.warnings);
  if (problems.warnings.length > 0) record.markModified();
  return { kind: 'record', record };
}

export function readMode(options: ReadOptions): ReadMode {
  return options.mode ?? 'lenient';
}

/** The file name for places (`options.file`, as the ISO2709 reader does). */
export function fileName(options: ReadOptions): string | undefined {
  return options.file;
}

/** A place without undefined members (exactOptionalPropertyTypes). */
export function place(parts: { [K in keyof Place]?: Place[K] | undefined }): Place {
  const out: Place = {};
  for (const [key, value] of Object.entries(parts)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/**
 * Unicode normalisation of values. `legacy` says the text was converted from a
 * legacy character set (or from mnemonics): then the default is NFC, else the
 * text is left as it was (so it round-trips).
 */
export function normalizer(option: Normalization | undefined, legacy: boolean): (value: string) => string {
  const form = option ?? (legacy ? 'NFC' : 'none');
  if (form === 'none') return (value) => value;
  return (value) => value.normalize(form);
}

/** The notice for a value that holds a MARC delimiter (0x1D, 0x1E, 0x1F) — kept, but ISO2709 cannot carry it — or undefined. */
export function delimiterNotice(value: string): string | undefined {
  const match = /[\x1d-\x1f]/.exec(value);
  if (!match) return undefined;
  const hex = match[0].charCodeAt(0).toString(16).toUpperCase();
  return `The value holds the MARC delimiter 0x${hex} at position ${match.index}; it was kept, but ISO2709 cannot carry it.`;
}

/** ASCII letters and digits (1), and the space (2), by character code. */
const ALNUM = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ALNUM[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ALNUM[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ALNUM[c] = 1;
ALNUM[0x20] = 2;

/** Three ASCII letters or digits. */
export function isValidTag(tag: string): boolean {
  return tag.length === 3 && ALNUM[tag.charCodeAt(0)] === 1 && ALNUM[tag.charCodeAt(1)] === 1 && ALNUM[tag.charCodeAt(2)] === 1;
}

/** One ASCII letter, digit or space. */
export function isValidIndicator(indicator: string): boolean {
  return indicator.length === 1 && ALNUM[indicator.charCodeAt(0)]! > 0;
}

/** One ASCII graphic character (0x21-0x7E). */
export function isValidSubfieldCode(code: string): boolean {
  if (code.length !== 1) return false;
  const c = code.charCodeAt(0);
  return c >= 0x21 && c <= 0x7e;
}

/** 24 printable ASCII characters. */
export function isValidLeader(leader: string): boolean {
  return leader.length === 24 && /^[\x20-\x7e]{24}$/.test(leader);
}

/** "'á' (U+00E1)" — a value shown so that invisible characters are visible. */
export function show(value: string): string {
  const chars = [...value];
  if (chars.length === 1) {
    const cp = chars[0]!.codePointAt(0)!;
    const printable = cp > 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0);
    return `${printable ? `'${value}' ` : ''}(U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  return JSON.stringify(value);
}

/** Characters that make a value worth a closer look before writing: any surrogate (a lone one cannot be written as UTF-8). */
export const SUSPECT = /[\uD800-\uDFFF]/;
/** …and, for XML, the characters XML 1.0 cannot carry. */
export const SUSPECT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Validates what every writer needs: a leader, tags, indicators and codes that
 * the readers accept back (`E_LEADER`, `E_TAG`, `E_INDICATOR`,
 * `E_SUBFIELD_CODE`), and values UTF-8 can hold (`E_ENCODING` for a lone
 * surrogate); with `xml`, also values XML 1.0 can carry (`E_XML_ILLEGAL_CHAR`
 * for C0 controls other than tab/LF/CR, U+FFFE, U+FFFF). The first problem in
 * field order is thrown as a KitapError with the record's index and the field's place.
 *
 * The writers do the same checks inline, with the building blocks below, in
 * the same order (leader; then each field: tag, indicators, and each
 * subfield's code and value), so that they pass over each value once: the
 * common case costs one regular expression test a value and allocates
 * nothing; places and messages are built only for a problem. A writer's own
 * refusals (an empty data field in MARCXML, E_MNEMONIC …) come after these,
 * as they did when this check ran first over the whole record.
 */
export function checkWritable(record: MarcRecord, index: number, xml = false): void {
  checkLeader(record, index);
  const suspect = xml ? SUSPECT_XML : SUSPECT;
  const fields = record.fields;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f]!;
    checkField(index, fields, f);
    if (field.kind === 'control') {
      if (suspect.test(field.value)) checkValue(field.value, xml, index, fields, f, undefined);
      continue;
    }
    const subfields = field.subfields;
    for (let s = 0; s < subfields.length; s++) {
      const sf = subfields[s]!;
      checkCode(sf.code, index, fields, f);
      if (suspect.test(sf.value)) checkValue(sf.value, xml, index, fields, f, sf.code);
    }
  }
}

/** E_LEADER unless the leader is 24 printable ASCII characters. */
export function checkLeader(record: MarcRecord, index: number): void {
  if (!isValidLeader(record.leader.value)) {
    throw new KitapError('E_LEADER', `The leader ${JSON.stringify(record.leader.value)} is not 24 printable ASCII characters.`, { index });
  }
}

/** E_TAG unless fields[f] has a valid tag; E_INDICATOR unless a data field has valid indicators. */
export function checkField(index: number, fields: readonly Field[], f: number): void {
  const field = fields[f]!;
  if (!isValidTag(field.tag)) throw new KitapError('E_TAG', `The tag ${JSON.stringify(field.tag)} is not three ASCII letters or digits.`, fieldPlace(index, fields, f));
  if (field.kind === 'control') return;
  if (!isValidIndicator(field.ind1)) throw new KitapError('E_INDICATOR', `The first indicator of ${field.tag} is ${show(field.ind1)}, not an ASCII letter, digit or space.`, fieldPlace(index, fields, f));
  if (!isValidIndicator(field.ind2)) throw new KitapError('E_INDICATOR', `The second indicator of ${field.tag} is ${show(field.ind2)}, not an ASCII letter, digit or space.`, fieldPlace(index, fields, f));
}

/** E_SUBFIELD_CODE unless the code (of a subfield of fields[f]) is one ASCII graphic character. */
export function checkCode(code: string, index: number, fields: readonly Field[], f: number): void {
  if (!isValidSubfieldCode(code)) throw new KitapError('E_SUBFIELD_CODE', `A subfield code in ${fields[f]!.tag} is ${show(code)}, not one ASCII graphic character.`, fieldPlace(index, fields, f));
}

/**
 * The closer look at a value of fields[f] (subfield `code`, or the control
 * field's value) in which a writer's quick test found a character that may be
 * a problem: E_ENCODING for a lone surrogate; with `xml`, E_XML_ILLEGAL_CHAR
 * for a character XML 1.0 cannot carry.
 */
export function checkValue(value: string, xml: boolean, index: number, fields: readonly Field[], f: number, code: string | undefined): void {
  const tag = fields[f]!.tag;
  const name = code === undefined ? tag : `${tag} $${code}`;
  if (hasLoneSurrogate(value)) throw new KitapError('E_ENCODING', `${name} holds a lone UTF-16 surrogate, which UTF-8 cannot hold.`, fieldPlace(index, fields, f));
  if (!xml) return;
  const bad = findIllegalXmlChar(value);
  if (bad >= 0) {
    throw new KitapError('E_XML_ILLEGAL_CHAR', `${name} contains ${codePointLabel(value.slice(bad, bad + 1))} at position ${bad}, which XML 1.0 cannot carry.`, fieldPlace(index, fields, f, code));
  }
}

/** The place of fields[f] (its occurrence is counted only when a problem needs it). */
export function fieldPlace(index: number, fields: readonly Field[], f: number, subfield?: string): Place {
  const tag = fields[f]!.tag;
  let occurrence = 0;
  for (let k = 0; k < f; k++) if (fields[k]!.tag === tag) occurrence++;
  return subfield === undefined ? { index, tag, occurrence } : { index, tag, occurrence, subfield };
}
