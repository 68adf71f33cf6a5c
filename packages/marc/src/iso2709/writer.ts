import { KitapError, type Place } from '@kitap/core';
import type { RecordEncoder } from '../read-types.js';
import { type Field, isControlTag } from '../record/field.js';
import { hasLoneSurrogate } from '../record/well-formed.js';
import { fieldPlace as placeOfField } from '../marcxml/problems.js';
import { type MarcRecord, unmodifiedSource } from '../record/record.js';
import { Iso2709FieldSource } from './field-source.js';
import {
  FIELD_TERMINATOR,
  LEADER_LENGTH,
  MAX_FIELD_LENGTH,
  MAX_RECORD_LENGTH,
  RECORD_TERMINATOR,
  SUBFIELD_DELIMITER,
} from './bytes.js';

export interface Iso2709WriteOptions {
  /**
   * Leader/09 to write. Output is always UTF-8, so the default is 'a'; `null` writes each record's
   * own leader/09 (a printable one; else a blank), as a job undone gives records back as they were.
   */
  characterCoding?: string | null;
  /**
   * Keep an ESC in a value instead of refusing the record (E_ESC_IN_DATA). Only for a
   * file that is read back as UTF-8 explicitly, never by detection: `kitap migrate`'s
   * converted catalog, whose clean-up stage removes the ESC with a journal entry.
   */
  keepEsc?: boolean;
}

const TAG = /^[0-9A-Za-z]{3}$/;

function isGraphicAscii(text: string): boolean {
  if (text.length !== 1) return false;
  const c = text.charCodeAt(0);
  return c > 0x20 && c <= 0x7e;
}

function isIndicator(text: string): boolean {
  if (text.length !== 1) return false;
  const c = text.charCodeAt(0);
  return c >= 0x20 && c <= 0x7e;
}

const ESC = 0x1b;

/**
 * What ISO2709 cannot carry in a value: a MARC delimiter, or an ESC. A record
 * holding an ESC reads back as MARC-8 wherever readers guess the character
 * set from the bytes (kitap's among them, docs/charsets.md): the ESC and what
 * follows it become an escape sequence, and the text changes without a word.
 */
function forbiddenIn(text: string, keepEsc: boolean): 'delimiter' | 'esc' | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > SUBFIELD_DELIMITER) continue;
    if (c === RECORD_TERMINATOR || c === FIELD_TERMINATOR || c === SUBFIELD_DELIMITER) return 'delimiter';
    if (c === ESC && !keepEsc) return 'esc';
  }
  return undefined;
}

/**
 * The leader a text writer (MARCXML, MARC-in-JSON, mnemonic .mrk8) writes
 * when given a `characterCoding` (`kitap convert` gives 'a', as its output is
 * UTF-8 whatever character set the record was read in — the rule this writer
 * follows by default): the record's, with leader/09 set to it. Without one, the
 * leader as it is. Nothing else changes: in those formats the record length
 * and base address (leader/00-04, 12-16) are informational and stay as read
 * (as yaz-marcdump writes them; it too sets only leader/09, when it converts
 * the text to UTF-8 with `-t utf-8`).
 */
export function leaderWithCoding(leader: string, characterCoding: string | undefined): string {
  if (characterCoding === undefined || leader.length !== LEADER_LENGTH || leader[9] === characterCoding) return leader;
  return leader.slice(0, 9) + characterCoding.charAt(0) + leader.slice(10);
}

/** The MARC delimiters (0x1D record terminator, 0x1E field terminator, 0x1F subfield delimiter). */
const DELIMITER = /[\x1d-\x1f]/;

/**
 * E_DELIMITER_IN_DATA when a value of fields[f] (subfield `code`, or the
 * control field's value) holds a MARC delimiter. For the text writers
 * (MARC-in-JSON, mnemonic): they could carry it, but the record could not be
 * written back to ISO2709, so they refuse it as the ISO2709 writer does, and
 * every output format gives the same outcome for the same record.
 */
export function checkNoDelimiter(value: string, index: number, fields: readonly Field[], f: number, code: string | undefined): void {
  const match = DELIMITER.exec(value);
  if (!match) return;
  const tag = fields[f]!.tag;
  const name = code === undefined ? `control field ${tag}` : `${tag} $${code}`;
  const hex = match[0].charCodeAt(0).toString(16).toUpperCase();
  throw new KitapError('E_DELIMITER_IN_DATA', `${name} contains a MARC delimiter (0x${hex}) at position ${match.index}`, placeOfField(index, fields, f, code));
}

/** A KitapError for a value forbiddenIn found something in. */
function forbidden(what: 'delimiter' | 'esc', name: string, place: Place): KitapError {
  if (what === 'delimiter') return new KitapError('E_DELIMITER_IN_DATA', `${name} contains a MARC delimiter`, place);
  return new KitapError(
    'E_ESC_IN_DATA',
    `${name} holds an ESC (0x1B): read back, it would be taken for a MARC-8 escape sequence and the text would change; remove it first (kitap fix, rule control-characters)`,
    place,
  );
}

function fieldPlace(record: MarcRecord, field: Field, subfield?: string): Place {
  const place: Place = { ...record.place, tag: field.tag };
  if (subfield !== undefined) place.subfield = subfield;
  return place;
}

/** Checks a field against what ISO2709 can hold; throws a KitapError naming the place. */
function validateField(record: MarcRecord, field: Field, keepEsc: boolean): void {
  if (!TAG.test(field.tag)) throw new KitapError('E_TAG', `tag ${JSON.stringify(field.tag)} is not three ASCII letters or digits`, fieldPlace(record, field));
  // ISO2709 has no flag for control fields: readers tell them by a 00X tag, so a
  // field that would be read back as the other kind is refused.
  const controlTag = isControlTag(field.tag);
  if (field.kind === 'control') {
    if (!controlTag) throw new KitapError('E_TAG', `control field with tag ${field.tag}: only 00X tags hold control fields in ISO2709`, fieldPlace(record, field));
    const bad = forbiddenIn(field.value, keepEsc);
    if (bad) throw forbidden(bad, `control field ${field.tag}`, fieldPlace(record, field));
    if (hasLoneSurrogate(field.value)) throw new KitapError('E_ENCODING', `${field.tag} holds a lone UTF-16 surrogate, which UTF-8 cannot hold`, fieldPlace(record, field));
    return;
  }
  if (controlTag && field.subfields.length === 0) {
    throw new KitapError('E_TAG', `data field ${field.tag} has no subfields and would be read back as a control field`, fieldPlace(record, field));
  }
  if (!isIndicator(field.ind1) || !isIndicator(field.ind2)) {
    throw new KitapError('E_INDICATOR', `${field.tag} has indicators ${JSON.stringify(field.ind1 + field.ind2)}; each must be one ASCII letter, digit or space`, fieldPlace(record, field));
  }
  for (const sf of field.subfields) {
    if (!isGraphicAscii(sf.code)) throw new KitapError('E_SUBFIELD_CODE', `${field.tag} has subfield code ${JSON.stringify(sf.code)}`, fieldPlace(record, field));
    const bad = forbiddenIn(sf.value, keepEsc);
    if (bad) throw forbidden(bad, `${field.tag} $${sf.code}`, fieldPlace(record, field, sf.code));
    if (hasLoneSurrogate(sf.value)) throw new KitapError('E_ENCODING', `${field.tag} $${sf.code} holds a lone UTF-16 surrogate, which UTF-8 cannot hold`, fieldPlace(record, field, sf.code));
  }
}

function writeDigits(out: Uint8Array, at: number, width: number, value: number): void {
  for (let i = at + width - 1; i >= at; i--) {
    out[i] = 0x30 + (value % 10);
    value = Math.floor(value / 10);
  }
}

/** A record's own leader/09, when printable (what writeLeader would keep of it), else a blank. */
function ownCharacterCoding(record: MarcRecord): string {
  const c = record.leader.value.charCodeAt(9);
  return c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : ' ';
}

/** The leader to write: the record's, with structural positions recomputed. */
function writeLeader(out: Uint8Array, record: MarcRecord, length: number, base: number, characterCoding: string): void {
  const value = record.leader.value;
  for (let i = 0; i < LEADER_LENGTH; i++) {
    const c = value.charCodeAt(i);
    out[i] = c >= 0x20 && c <= 0x7e ? c : 0x20;
  }
  writeDigits(out, 0, 5, length);
  out[9] = characterCoding.charCodeAt(0);
  out[10] = 0x32; // two indicators
  out[11] = 0x32; // delimiter + one-character code
  writeDigits(out, 12, 5, base);
  out[20] = 0x34;
  out[21] = 0x35;
  out[22] = 0x30;
  if (out[23] !== 0x30 && out[23] !== 0x20) out[23] = 0x30;
}

/**
 * Whether the raw bytes of an unmodified record hold the MARC delimiters only
 * where they belong, so that they can be copied as they are: the one record
 * terminator last, a field terminator only at the end of each field (the frame
 * parser's extents say where the fields are), and no subfield delimiter inside
 * a control field. Otherwise (a stray 0x1D/0x1E/0x1F read into a value) the
 * checking writer runs and refuses the record with E_DELIMITER_IN_DATA and its
 * place, as it does for a record from any other format. Native byte searches
 * that stop at each field's own terminator: the common case costs one search a field.
 */
function delimitersInPlace(record: MarcRecord, raw: Uint8Array): boolean {
  const source = unmodifiedSource(record);
  if (!(source instanceof Iso2709FieldSource) || source.bytes !== raw) return false;
  // Searched as one Latin-1 string: a string's indexOf costs a fraction of a Buffer's, whose every
  // call crosses into C++ (one a field made convert ~10% slower).
  const text = (source.bytes as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(0, raw.length);
  const last = raw.length - 1;
  if (text.indexOf('\x1d') !== last) return false;
  const extents = source.extents;
  for (let i = 0; i < extents.length; i++) {
    const { start, end, data } = extents[i]!;
    const terminator = text.indexOf('\x1e', start);
    if (terminator >= 0 && terminator < end) return false;
    if (!data) {
      const delimiter = text.indexOf('\x1f', start);
      if (delimiter >= 0 && delimiter < end) return false;
    }
  }
  return true;
}

/**
 * Serialises a record to ISO2709 in UTF-8. Lengths and offsets count bytes. An
 * unmodified record read from UTF-8 ISO2709 is written back byte for byte
 * (only leader/09 is set) when its delimiters are where they belong; one
 * holding a stray delimiter inside a field goes through the checks below. Throws a KitapError (E_TAG, E_INDICATOR,
 * E_SUBFIELD_CODE, E_DELIMITER_IN_DATA, E_FIELD_TOO_LONG, E_RECORD_TOO_LONG)
 * when the record cannot be written.
 */
export function writeIso2709(record: MarcRecord, options: Iso2709WriteOptions = {}): Uint8Array {
  const characterCoding = options.characterCoding === null ? ownCharacterCoding(record) : (options.characterCoding ?? 'a');
  const raw = record.raw;
  if (raw && record.sourceCharset === 'utf-8' && delimitersInPlace(record, raw)) {
    if (raw[9] === characterCoding.charCodeAt(0)) return raw;
    const copy = Uint8Array.from(raw);
    copy[9] = characterCoding.charCodeAt(0);
    return copy;
  }

  const fields = record.fields;
  if (fields.length === 0) throw new KitapError('E_NO_FIELDS', 'the record has no fields; ISO2709 cannot hold an empty record', { ...record.place });
  const encoded: Buffer[] = new Array(fields.length);
  let dataLength = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    validateField(record, field, options.keepEsc === true);
    let text: string;
    if (field.kind === 'control') text = field.value + '\x1e';
    else {
      text = field.ind1 + field.ind2;
      for (const sf of field.subfields) text += '\x1f' + sf.code + sf.value;
      text += '\x1e';
    }
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length > MAX_FIELD_LENGTH) {
      throw new KitapError('E_FIELD_TOO_LONG', `${field.tag} is ${bytes.length} bytes; ISO2709 allows 9,999`, fieldPlace(record, field));
    }
    encoded[i] = bytes;
    dataLength += bytes.length;
  }
  const base = LEADER_LENGTH + fields.length * 12 + 1;
  const length = base + dataLength + 1;
  if (length > MAX_RECORD_LENGTH) {
    throw new KitapError('E_RECORD_TOO_LONG', `the record would be ${length} bytes; ISO2709 allows 99,999`, { ...record.place });
  }
  const out = Buffer.allocUnsafe(length);
  writeLeader(out, record, length, base, characterCoding);
  let entry = LEADER_LENGTH;
  let offset = 0;
  for (let i = 0; i < fields.length; i++) {
    const tag = fields[i]!.tag;
    out[entry] = tag.charCodeAt(0);
    out[entry + 1] = tag.charCodeAt(1);
    out[entry + 2] = tag.charCodeAt(2);
    writeDigits(out, entry + 3, 4, encoded[i]!.length);
    writeDigits(out, entry + 7, 5, offset);
    entry += 12;
    encoded[i]!.copy(out, base + offset);
    offset += encoded[i]!.length;
  }
  out[base - 1] = FIELD_TERMINATOR;
  out[length - 1] = RECORD_TERMINATOR;
  return out;
}

export function iso2709Encoder(options: Iso2709WriteOptions = {}): RecordEncoder {
  return { header: '', footer: '', encode: (record) => writeIso2709(record, options) };
}
