/**
 * MarcEdit mnemonic text writer. Two flavours:
 * - `utf-8` (default, a `.mrk8` file): text as it is; only `$` is written
 *   {dollar}, and `{` is written {lcub} where it would otherwise start a
 *   mnemonic; leader/09 as it is, or set to `characterCoding` when given;
 * - `marc8` (a `.mrk` file): the text converted to MARC-8 and written in ASCII,
 *   every byte beyond ASCII as its mnemonic, `{` `}` as {lcub} {rcub}, and
 *   leader/09 `a` (UCS) set to blank (MARC-8).
 * Blanks in the leader are spaces (as MarcEdit writes them); in control fields
 * and indicators they are `\`. Records are separated by a blank line.
 *
 * A record is refused with a KitapError (the CLI makes it a reject) when a
 * value holds a lone UTF-16 surrogate (`E_ENCODING`: UTF-8 cannot hold it),
 * with `refuseDelimiters` a MARC delimiter 0x1D/0x1E/0x1F (`E_DELIMITER_IN_DATA`:
 * the record could not be written back to ISO2709) or a line break (`E_UNMAPPABLE`), when MARC-8 cannot hold a character
 * (`E_UNMAPPABLE`, `charset: 'marc8'`), when the record would read back
 * differently (`E_MNEMONIC`: a control field with a tag 010-999, a data field
 * with a tag 001-009, a data field with a non-numeric tag and no subfields),
 * and when the leader, a tag, an indicator or a subfield code breaks the rules
 * every writer checks (`E_LEADER`, `E_TAG`, `E_INDICATOR`, `E_SUBFIELD_CODE`).
 */
import { KitapError, type Place } from '@kitap/core';
import { checkNoDelimiter, leaderWithCoding } from '../iso2709/writer.js';
import { checkCode, checkField, checkLeader, checkValue, fieldPlace } from '../marcxml/problems.js';
import type { RecordEncoder } from '../read-types.js';
import { type Field, isControlTag } from '../record/field.js';
import type { MarcRecord } from '../record/record.js';
import { encodeMnemonicsMarc8, startsMnemonic } from './mnemonics.js';

export interface MrkEncoderOptions {
  /** `utf-8` (default): a .mrk8 file; `marc8`: a .mrk file in MARC-8 mnemonics. */
  charset?: 'utf-8' | 'marc8';
  /** Line ending (default LF; MarcEdit on Windows writes CRLF). */
  eol?: '\n' | '\r\n';
  /** Records the output already holds, when writing goes on after them (a resumed harvest): the blank line goes before the next. */
  recordsBefore?: number;
  /**
   * Leader/09 to write in a .mrk8 file (`kitap convert`: 'a', the text being
   * UTF-8); default: the leader as it is. A .mrk file always has it blank (MARC-8).
   */
  characterCoding?: string;
  /**
   * Refuse a value holding a MARC delimiter 0x1D/0x1E/0x1F with E_DELIMITER_IN_DATA, as the
   * ISO2709 writer does (`kitap convert`: the same outcome in every output format). Default:
   * written as it is (the readers keep it with a notice; nothing is lost in this format).
   */
  refuseDelimiters?: boolean;
}

function describe(where: Place): string {
  return where.tag === undefined ? 'the leader' : `${where.tag}${where.subfield !== undefined ? ` $${where.subfield}` : ''}`;
}

/** What a value needs escaped or refused for in a .mrk8 file (`$`, `{`, line breaks), and surrogates (checkValue). */
const UTF8_SPECIAL = /[${\n\r\x1d-\x1f\uD800-\uDFFF]/;
/** The same for a .mrk file: surrogates and the MARC delimiters (anything else is converted to MARC-8 anyway). */
const MARC8_SUSPECT = /[\x1d-\x1f\uD800-\uDFFF]/;

/**
 * Where a value is: the record's index, its fields, the field's position (-1
 * for the leader) and the subfield code; and the first of this writer's own
 * refusals met so far. One object a record, updated as the writer goes, so
 * that nothing is allocated a value; a place is built from it only for a problem.
 */
interface Where {
  index: number;
  fields: readonly Field[];
  f: number;
  code: string | undefined;
  marc8: boolean;
  refuseDelimiters: boolean;
  refusal: unknown;
}

function placeOf(where: Where): Place {
  return where.f < 0 ? { index: where.index } : fieldPlace(where.index, where.fields, where.f, where.code);
}

/** Escapes a value for a .mrk8 file (the caller has checked it). */
function escapeUtf8(value: string, where: Where): string {
  if (!UTF8_SPECIAL.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '$') out += '{dollar}';
    else if (c === '{' && startsMnemonic(value, i)) out += '{lcub}';
    else if (c === '\n' || c === '\r') {
      const place = placeOf(where);
      throw new KitapError('E_UNMAPPABLE', `${describe(place)} contains a line break (U+000${c === '\n' ? 'A' : 'D'}), which mnemonic text cannot hold.`, place);
    } else out += c;
  }
  return out;
}

function escapeMarc8(value: string, where: Where): string {
  if (/[\n\r]/.test(value)) {
    const place = placeOf(where);
    throw new KitapError('E_UNMAPPABLE', `${describe(place)} contains a line break, which mnemonic text cannot hold.`, place);
  }
  try {
    return encodeMnemonicsMarc8(value);
  } catch (error) {
    if (error instanceof KitapError) {
      const place = placeOf(where);
      throw new KitapError(error.code, `${describe(place)}: ${error.message}`, place);
    }
    throw error;
  }
}

function isNumericTag(tag: string): boolean {
  if (tag.length !== 3) return false;
  for (let k = 0; k < 3; k++) {
    const c = tag.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * A value checked (checkValue, when the quick test finds a surrogate) and
 * escaped; this writer's own refusals (E_UNMAPPABLE) are kept in `where`.
 */
function escape(value: string, where: Where): string {
  if (where.marc8 ? MARC8_SUSPECT.test(value) : UTF8_SPECIAL.test(value)) {
    if (where.f >= 0) {
      checkValue(value, false, where.index, where.fields, where.f, where.code);
      if (where.refuseDelimiters) checkNoDelimiter(value, where.index, where.fields, where.f, where.code);
    }
  } else if (!where.marc8) {
    return value;
  }
  try {
    return where.marc8 ? escapeMarc8(value, where) : escapeUtf8(value, where);
  } catch (error) {
    where.refusal ??= error;
    return '';
  }
}

function refuse(where: Where, message: string): void {
  where.refusal ??= new KitapError('E_MNEMONIC', message, fieldPlace(where.index, where.fields, where.f));
}

/** One record as mnemonic lines (no line ending). */
export function mrkRecord(record: MarcRecord, index = 0, options: MrkEncoderOptions = {}): string[] {
  // No line holds a line break (values with one are refused).
  return recordText(record, index, options, '\n').split('\n');
}

/**
 * One record as mnemonic text, its lines separated by `eol` (none after the last).
 *
 * The checks every writer makes (checkWritable's) are made inline, in its
 * order, and thrown at once; this writer's own refusals (E_MNEMONIC,
 * E_UNMAPPABLE) are kept until the end of the record and the first is thrown
 * then — the same outcome as checking the whole record first.
 */
function recordText(record: MarcRecord, index: number, options: MrkEncoderOptions, eol: string): string {
  checkLeader(record, index);
  const marc8 = options.charset === 'marc8';
  const fields = record.fields;
  const where: Where = { index, fields, f: -1, code: undefined, marc8, refuseDelimiters: options.refuseDelimiters === true, refusal: undefined };
  let leader = record.leader.value;
  // leader/09: blank (MARC-8) in a .mrk file; in a .mrk8 file the coding asked for (convert: 'a'), else as it is
  if (marc8 && leader[9] === 'a') leader = `${leader.slice(0, 9)} ${leader.slice(10)}`;
  else if (!marc8) leader = leaderWithCoding(leader, options.characterCoding);
  let out = '=LDR  ' + escape(leader, where).replaceAll('\\', '{bsol}');
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f]!;
    checkField(index, fields, f);
    where.f = f;
    where.code = undefined;
    const numeric = isNumericTag(field.tag);
    if (field.kind === 'control') {
      if (numeric && !isControlTag(field.tag)) refuse(where, `${field.tag} is a control field, but mnemonic text reads tags 010-999 as data fields.`);
      let value = escape(field.value, where);
      if (value.includes('\\')) value = value.replaceAll('\\', '{bsol}');
      if (value.includes(' ')) value = value.replaceAll(' ', '\\');
      out += eol + '=' + field.tag + '  ' + value;
      continue;
    }
    if (isControlTag(field.tag)) refuse(where, `${field.tag} is a data field, but mnemonic text reads tags 001-009 as control fields.`);
    const subfields = field.subfields;
    if (!numeric && subfields.length === 0) refuse(where, `${field.tag} is a data field with no subfields, which mnemonic text would read back as a control field.`);
    out += eol + '=' + field.tag + '  ' + (field.ind1 === ' ' ? '\\' : field.ind1) + (field.ind2 === ' ' ? '\\' : field.ind2);
    for (let s = 0; s < subfields.length; s++) {
      const sf = subfields[s]!;
      checkCode(sf.code, index, fields, f);
      where.code = sf.code;
      out += '$' + sf.code + escape(sf.value, where);
    }
  }
  if (where.refusal !== undefined) throw where.refusal;
  return out;
}

/** Writes mnemonic text: the fields of each record one per line, a blank line between records. */
export function mrkEncoder(options: MrkEncoderOptions = {}): RecordEncoder {
  const eol = options.eol ?? '\n';
  let written = options.recordsBefore ?? 0;
  return {
    header: '',
    encode: (record, index) => {
      const text = recordText(record, index, options, eol) + eol;
      return written++ > 0 ? eol + text : text;
    },
    footer: '',
  };
}
