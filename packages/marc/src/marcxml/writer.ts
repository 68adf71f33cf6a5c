/**
 * MARCXML writer: a MARC21 slim collection in UTF-8, laid out as
 * yaz-marcdump's `-o marcxml` lays it out (one element per line, fields
 * indented two spaces, subfields four). The leader is written as it is, or
 * with leader/09 set to `characterCoding` when one is given (`kitap convert`
 * gives 'a': the text is UTF-8 whatever set the record was read in). The text is UTF-8 whatever set the
 * record was read in, so leader/09 is written 'a' (unicodeLeader); the rest
 * of the leader is written as it is.
 *
 * A record is refused with a KitapError (the CLI makes it a reject) when:
 * - a value holds a lone UTF-16 surrogate, which UTF-8 cannot hold: `E_ENCODING`;
 * - a value holds a character XML 1.0 cannot carry (a C0 control other than
 *   tab/LF/CR, U+FFFE, U+FFFF): `E_XML_ILLEGAL_CHAR`, naming the field and subfield;
 * - a data field has no subfields (the schema needs one): `E_XML`;
 * - the leader, a tag, an indicator or a subfield code breaks the rules every
 *   writer checks (so that the readers take the record back): `E_LEADER`,
 *   `E_TAG`, `E_INDICATOR`, `E_SUBFIELD_CODE`.
 *
 * The checks are those of checkWritable, made inline in the same order, and
 * the empty data field comes after them, as if checkWritable ran first.
 *
 * Writing is on the hot path of `kitap convert --to marcxml`. The encoder
 * writes an unmodified record read from UTF-8 ISO2709 straight from its bytes
 * (iso2709-bytes.ts), with the same output. Otherwise each value is
 * tested once with one regular expression (anything to escape or to check?)
 * and only then looked at closely; tags and indicators (checked to be ASCII
 * letters, digits or space) are never escaped; each record is one string built
 * by concatenation.
 */
import { KitapError } from '@kitap/core';
import type { RecordEncoder } from '../read-types.js';
import type { DataField, Field } from '../record/field.js';
import type { MarcRecord } from '../record/record.js';
import { checkNoDelimiter, leaderWithCoding } from '../iso2709/writer.js';
import { marcXmlFromIso2709 } from './iso2709-bytes.js';
import { checkCode, checkField, checkLeader, checkValue } from './problems.js';
import { MARC21_SLIM } from './scanner.js';
import { escapeXmlAttribute, escapeXmlText as text } from './xml-text.js';

export interface MarcXmlEncoderOptions {
  /** One element per line, indented (default). `false` writes each record on one line. */
  pretty?: boolean;
  /** Leader/09 to write (`kitap convert`: 'a', the text being UTF-8); default: the leader as it is. */
  characterCoding?: string;
  /**
   * Refuse a value holding a MARC delimiter 0x1D/0x1E/0x1F with E_DELIMITER_IN_DATA, as the
   * ISO2709 writer does (`kitap convert`: the same code in every output format), instead of
   * E_XML_ILLEGAL_CHAR, which such a value gets otherwise.
   */
  refuseDelimiters?: boolean;
}

/** The constant pieces of a record element, for one layout. */
interface Layout {
  readonly leaderOpen: string;
  readonly leaderClose: string;
  readonly controlOpen: string;
  readonly controlClose: string;
  readonly dataOpen: string;
  /** After the indicators: the end of the datafield start tag. */
  readonly dataOpenEnd: string;
  readonly dataClose: string;
  /** `<subfield code="x">` with its indentation, by the code's character code (0x21-0x7E). */
  readonly subfieldOpen: readonly string[];
  readonly subfieldClose: string;
}

function layout(pretty: boolean): Layout {
  const nl = pretty ? '\n' : '';
  const i1 = pretty ? '  ' : '';
  const i2 = pretty ? '    ' : '';
  const subfieldOpen: string[] = [];
  for (let c = 0x21; c <= 0x7e; c++) subfieldOpen[c] = `${i2}<subfield code="${escapeXmlAttribute(String.fromCharCode(c))}">`;
  return {
    leaderOpen: `<record>${nl}${i1}<leader>`,
    leaderClose: `</leader>${nl}`,
    controlOpen: `${i1}<controlfield tag="`,
    controlClose: `</controlfield>${nl}`,
    dataOpen: `${i1}<datafield tag="`,
    dataOpenEnd: `">${nl}`,
    dataClose: `${i1}</datafield>${nl}`,
    subfieldOpen,
    subfieldClose: `</subfield>${nl}`,
  };
}

const PRETTY = layout(true);
const COMPACT = layout(false);

function emptyDataField(index: number, field: DataField): KitapError {
  return new KitapError('E_XML', `The data field ${field.tag} has no subfields; MARCXML requires at least one.`, { index, tag: field.tag });
}

/** What makes a value need a closer look: what XML escapes (& < > " ' and CR) and what checkValue refuses (see SUSPECT_XML). */
const SPECIAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF&<>"'\r]/;

/** A value as element content: checked and escaped only when the quick test finds something. */
function content(value: string, index: number, fields: readonly Field[], f: number, code: string | undefined, refuse: boolean): string {
  if (!SPECIAL.test(value)) return value;
  if (refuse) checkNoDelimiter(value, index, fields, f, code);
  checkValue(value, true, index, fields, f, code);
  return text(value);
}

function recordElement(record: MarcRecord, index: number, l: Layout, characterCoding: string | undefined, refuse = false): string {
  checkLeader(record, index);
  const fields = record.fields;
  let empty: DataField | undefined;
  // Tags, indicators and codes are checked (ASCII letters, digits, space; codes 0x21-0x7E): only values and the leader need escaping.
  let out = l.leaderOpen + text(leaderWithCoding(record.leader.value, characterCoding)) + l.leaderClose;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f]!;
    checkField(index, fields, f);
    if (field.kind === 'control') {
      out += l.controlOpen + field.tag + '">' + content(field.value, index, fields, f, undefined, refuse) + l.controlClose;
      continue;
    }
    const subfields = field.subfields;
    if (subfields.length === 0) empty ??= field;
    out += l.dataOpen + field.tag + '" ind1="' + field.ind1 + '" ind2="' + field.ind2 + l.dataOpenEnd;
    for (let s = 0; s < subfields.length; s++) {
      const sf = subfields[s]!;
      checkCode(sf.code, index, fields, f);
      out += l.subfieldOpen[sf.code.charCodeAt(0)]! + content(sf.value, index, fields, f, sf.code, refuse) + l.subfieldClose;
    }
    out += l.dataClose;
  }
  if (empty) throw emptyDataField(index, empty);
  return out + '</record>\n';
}

/**
 * An element written from the record's bytes (iso2709-bytes.ts), which copy
 * the leader as it is, with leader/09 set as recordElement sets it. The leader
 * is printable ASCII there (checked), its escapes ASCII too, so leader/09 is
 * the byte after the escaped leader/00-08. The element is a buffer of its own,
 * changed in place. A coding XML would escape (not expected: 'a' or blank) goes
 * through the string writer instead.
 */
function withCoding(element: Uint8Array, record: MarcRecord, index: number, l: Layout, characterCoding: string | undefined): Uint8Array | string {
  const leader = record.leader.value;
  if (characterCoding === undefined || leader[9] === characterCoding) return element;
  const c = characterCoding.charCodeAt(0);
  if (characterCoding.length !== 1 || c < 0x20 || c > 0x7e || '&<>"\''.includes(characterCoding)) return recordElement(record, index, l, characterCoding);
  element[l.leaderOpen.length + text(leader.slice(0, 9)).length] = c;
  return element;
}

/** The record element alone (no collection), as the encoder writes it. */
export function marcXmlRecord(record: MarcRecord, index = 0, options: MarcXmlEncoderOptions = {}): string {
  return recordElement(record, index, options.pretty ?? true ? PRETTY : COMPACT, options.characterCoding, options.refuseDelimiters === true);
}

/** Writes a MARCXML collection: header, one record element per record, footer. */
export function marcXmlEncoder(options: MarcXmlEncoderOptions = {}): RecordEncoder {
  const l = options.pretty ?? true ? PRETTY : COMPACT;
  const coding = options.characterCoding;
  const refuse = options.refuseDelimiters === true;
  return {
    header: `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="${MARC21_SLIM}">\n`,
    // An unmodified record read from UTF-8 ISO2709 is written from its bytes when it can be (iso2709-bytes.ts).
    encode: (record, index) => {
      const element = marcXmlFromIso2709(record, l);
      // (the byte path takes no record with a delimiter in a value: the string writer refuses it)
      return element ? withCoding(element, record, index, l, coding) : recordElement(record, index, l, coding, refuse);
    },
    footer: '</collection>\n',
  };
}
