/**
 * MarcEdit mnemonic text writer. Two flavours:
 * - `utf-8` (default, a `.mrk8` file): text as it is; only `$` is written
 *   {dollar}, and `{` is written {lcub} where it would otherwise start a
 *   mnemonic;
 * - `marc8` (a `.mrk` file): the text converted to MARC-8 and written in ASCII,
 *   every byte beyond ASCII as its mnemonic, `{` `}` as {lcub} {rcub}, and
 *   leader/09 `a` (UCS) set to blank (MARC-8).
 * Blanks in the leader are spaces (as MarcEdit writes them); in control fields
 * and indicators they are `\`. Records are separated by a blank line.
 */
import { KitapError, type Place } from '@kitap/core';
import { checkWritable } from '../marcxml/problems.js';
import type { RecordEncoder } from '../read-types.js';
import { isControlTag } from '../record/field.js';
import type { MarcRecord } from '../record/record.js';
import { encodeMnemonicsMarc8, startsMnemonic } from './mnemonics.js';

export interface MrkEncoderOptions {
  /** `utf-8` (default): a .mrk8 file; `marc8`: a .mrk file in MARC-8 mnemonics. */
  charset?: 'utf-8' | 'marc8';
  /** Line ending (default LF; MarcEdit on Windows writes CRLF). */
  eol?: '\n' | '\r\n';
}

function describe(where: Place): string {
  return where.tag === undefined ? 'the leader' : `${where.tag}${where.subfield !== undefined ? ` $${where.subfield}` : ''}`;
}

function escapeUtf8(value: string, where: Place): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '$') out += '{dollar}';
    else if (c === '{' && startsMnemonic(value, i)) out += '{lcub}';
    else if (c === '\n' || c === '\r') {
      throw new KitapError('E_UNMAPPABLE', `${describe(where)} contains a line break (U+000${c === '\n' ? 'A' : 'D'}), which mnemonic text cannot hold.`, where);
    } else out += c;
  }
  return out;
}

function escapeMarc8(value: string, where: Place): string {
  if (/[\n\r]/.test(value)) throw new KitapError('E_UNMAPPABLE', `${describe(where)} contains a line break, which mnemonic text cannot hold.`, where);
  try {
    return encodeMnemonicsMarc8(value);
  } catch (error) {
    if (error instanceof KitapError) throw new KitapError(error.code, `${describe(where)}: ${error.message}`, where);
    throw error;
  }
}

/** One record as mnemonic lines (no trailing newline). */
export function mrkRecord(record: MarcRecord, index = 0, options: MrkEncoderOptions = {}): string[] {
  checkWritable(record, index);
  const marc8 = options.charset === 'marc8';
  const escape = marc8 ? escapeMarc8 : escapeUtf8;
  let leader = record.leader.value;
  if (marc8 && leader[9] === 'a') leader = `${leader.slice(0, 9)} ${leader.slice(10)}`;
  const lines = [`=LDR  ${escape(leader, { index }).replaceAll('\\', '{bsol}')}`];
  const seen = new Map<string, number>();
  for (const field of record.fields) {
    const occurrence = seen.get(field.tag) ?? 0;
    seen.set(field.tag, occurrence + 1);
    const where: Place = { index, tag: field.tag, occurrence };
    const numeric = /^[0-9]{3}$/.test(field.tag);
    if (field.kind === 'control') {
      if (numeric && !isControlTag(field.tag)) {
        throw new KitapError('E_MNEMONIC', `${field.tag} is a control field, but mnemonic text reads tags 010-999 as data fields.`, where);
      }
      const value = escape(field.value, where).replaceAll('\\', '{bsol}').replaceAll(' ', '\\');
      lines.push(`=${field.tag}  ${value}`);
      continue;
    }
    if (isControlTag(field.tag)) {
      throw new KitapError('E_MNEMONIC', `${field.tag} is a data field, but mnemonic text reads tags 001-009 as control fields.`, where);
    }
    if (!numeric && field.subfields.length === 0) {
      throw new KitapError('E_MNEMONIC', `${field.tag} is a data field with no subfields, which mnemonic text would read back as a control field.`, where);
    }
    let line = `=${field.tag}  ${field.ind1 === ' ' ? '\\' : field.ind1}${field.ind2 === ' ' ? '\\' : field.ind2}`;
    for (const sf of field.subfields) line += `$${sf.code}${escape(sf.value, { index, tag: field.tag, occurrence, subfield: sf.code })}`;
    lines.push(line);
  }
  return lines;
}

/** Writes mnemonic text: the fields of each record one per line, a blank line between records. */
export function mrkEncoder(options: MrkEncoderOptions = {}): RecordEncoder {
  const eol = options.eol ?? '\n';
  let written = 0;
  return {
    header: '',
    encode: (record, index) => {
      const text = mrkRecord(record, index, options).join(eol) + eol;
      return written++ > 0 ? eol + text : text;
    },
    footer: '',
  };
}
