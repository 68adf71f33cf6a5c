/**
 * MARCXML writer: a MARC21 slim collection in UTF-8, laid out as
 * yaz-marcdump's `-o marcxml` lays it out (one element per line, fields
 * indented two spaces, subfields four).
 */
import { KitapError, type Place } from '@kitap/core';
import type { RecordEncoder } from '../read-types.js';
import type { MarcRecord } from '../record/record.js';
import { checkWritable } from './problems.js';
import { MARC21_SLIM } from './scanner.js';
import { codePointLabel, escapeXmlAttribute as attr, escapeXmlText as text, findIllegalXmlChar } from './xml-text.js';

export interface MarcXmlEncoderOptions {
  /** One element per line, indented (default). `false` writes each record on one line. */
  pretty?: boolean;
}

function checkXmlChars(value: string, where: Place): void {
  const bad = findIllegalXmlChar(value);
  if (bad < 0) return;
  const field = where.tag === undefined ? 'the leader' : `${where.tag}${where.subfield !== undefined ? ` $${where.subfield}` : ''}`;
  throw new KitapError(
    'E_XML_ILLEGAL_CHAR',
    `${field} contains ${codePointLabel(value.slice(bad, bad + 1))} at position ${bad}, which XML 1.0 cannot carry.`,
    where,
  );
}

/** The record element alone (no collection), as the encoder writes it. */
export function marcXmlRecord(record: MarcRecord, index = 0, options: MarcXmlEncoderOptions = {}): string {
  const pretty = options.pretty ?? true;
  checkWritable(record, index, checkXmlChars);
  checkXmlChars(record.leader.value, { index });
  const nl = pretty ? '\n' : '';
  const i1 = pretty ? '  ' : '';
  const i2 = pretty ? '    ' : '';
  let out = `<record>${nl}${i1}<leader>${text(record.leader.value)}</leader>${nl}`;
  for (const field of record.fields) {
    if (field.kind === 'control') {
      out += `${i1}<controlfield tag="${attr(field.tag)}">${text(field.value)}</controlfield>${nl}`;
      continue;
    }
    if (field.subfields.length === 0) {
      throw new KitapError('E_XML', `The data field ${field.tag} has no subfields; MARCXML requires at least one.`, { index, tag: field.tag });
    }
    out += `${i1}<datafield tag="${attr(field.tag)}" ind1="${attr(field.ind1)}" ind2="${attr(field.ind2)}">${nl}`;
    for (const sf of field.subfields) out += `${i2}<subfield code="${attr(sf.code)}">${text(sf.value)}</subfield>${nl}`;
    out += `${i1}</datafield>${nl}`;
  }
  return `${out}</record>\n`;
}

/** Writes a MARCXML collection: header, one record element per record, footer. */
export function marcXmlEncoder(options: MarcXmlEncoderOptions = {}): RecordEncoder {
  return {
    header: `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="${MARC21_SLIM}">\n`,
    encode: (record, index) => marcXmlRecord(record, index, options),
    footer: '</collection>\n',
  };
}
