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
import type { MarcRecord } from '../record/record.js';

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

/** Three ASCII letters or digits. */
export function isValidTag(tag: string): boolean {
  return /^[0-9A-Za-z]{3}$/.test(tag);
}

/** One ASCII letter, digit or space. */
export function isValidIndicator(indicator: string): boolean {
  return /^[0-9A-Za-z ]$/.test(indicator);
}

/** One ASCII graphic character (0x21-0x7E). */
export function isValidSubfieldCode(code: string): boolean {
  return /^[\x21-\x7e]$/.test(code);
}

/** 24 printable ASCII characters. */
export function isValidLeader(leader: string): boolean {
  return /^[\x20-\x7e]{24}$/.test(leader);
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

/** Validates what every writer needs: tags, indicators and codes that the readers accept back. */
export function checkWritable(record: MarcRecord, index: number, check?: (value: string, where: Place) => void): void {
  // (Places are object literals, not spreads: spreading in this loop made writing several times slower.)
  if (!isValidLeader(record.leader.value)) {
    throw new KitapError('E_LEADER', `The leader ${JSON.stringify(record.leader.value)} is not 24 printable ASCII characters.`, { index });
  }
  const seen = new Map<string, number>();
  for (const field of record.fields) {
    const occurrence = seen.get(field.tag) ?? 0;
    seen.set(field.tag, occurrence + 1);
    const where: Place = { index, tag: field.tag, occurrence };
    if (!isValidTag(field.tag)) throw new KitapError('E_TAG', `The tag ${JSON.stringify(field.tag)} is not three ASCII letters or digits.`, where);
    if (field.kind === 'control') {
      check?.(field.value, where);
      continue;
    }
    if (!isValidIndicator(field.ind1)) throw new KitapError('E_INDICATOR', `The first indicator of ${field.tag} is ${show(field.ind1)}, not an ASCII letter, digit or space.`, where);
    if (!isValidIndicator(field.ind2)) throw new KitapError('E_INDICATOR', `The second indicator of ${field.tag} is ${show(field.ind2)}, not an ASCII letter, digit or space.`, where);
    for (const sf of field.subfields) {
      if (!isValidSubfieldCode(sf.code)) throw new KitapError('E_SUBFIELD_CODE', `A subfield code in ${field.tag} is ${show(sf.code)}, not one ASCII graphic character.`, where);
      check?.(sf.value, { index, tag: field.tag, occurrence, subfield: sf.code });
    }
  }
}
