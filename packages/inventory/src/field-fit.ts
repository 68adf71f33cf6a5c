/**
 * Whether the fields a row of copies puts into records.mrc fit in ISO2709,
 * whose directory gives a field at most 9,999 bytes (four digits). A row
 * whose title, author or copy note runs longer cannot be written: it is
 * rejected on its own (E_FIELD_TOO_LONG, with its line) instead of stopping
 * the run when its record is written.
 */
import { COPY_MAPPERS, type MapperLayout } from '@kitap/holdings';
import type { Field } from '@kitap/marc';
import type { CopyRow } from './classify-row.js';
import { type RecordFlavour, newEditionRecord } from './edition-record.js';
import { copiesOfRow } from './row-copies.js';

/** The longest field ISO2709 holds, in bytes (its length has four digits). */
export const MAX_FIELD_BYTES = 9_999;

/** How records.mrc is written: the flavour of new records and the layout of the copy fields. */
export interface RecordShape {
  flavour: RecordFlavour;
  layout: MapperLayout;
}

/** The shape of the default profile (kazakh-public-library): MARC21 with copies in 852/876. */
export const DEFAULT_RECORD_SHAPE: RecordShape = Object.freeze({ flavour: 'marc21', layout: '852/876' });

/**
 * Room for what a field holds beyond the row's own text: indicators, subfield
 * codes, the terminator, and values the row does not spell out (a branch or
 * department code from the directory, a formatted price, a status).
 */
const ROOM = 1_000;

/** Bytes of a field as ISO2709 writes it in UTF-8 (indicators, delimiters and codes, values, terminator). */
function fieldBytes(field: Field): number {
  if (field.kind === 'control') return Buffer.byteLength(field.value, 'utf8') + 1;
  let bytes = 2 + 1;
  for (const s of field.subfields) bytes += 1 + Buffer.byteLength(s.code, 'utf8') + Buffer.byteLength(s.value, 'utf8');
  return bytes;
}

/**
 * The first field of the row's record and copies that ISO2709 cannot hold,
 * with its length, or undefined. Rows far shorter than a field's limit (all
 * but freak ones) are passed without building anything.
 */
export function oversizedField(row: CopyRow, shape: RecordShape): { tag: string; bytes: number } | undefined {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, and every value of the fields comes from the row's text or the room.
  if (row.raw.length * 3 + ROOM <= MAX_FIELD_BYTES) return undefined;
  const fields: Field[] = [...newEditionRecord('1C0000000', row.edition, shape.flavour).fields, ...COPY_MAPPERS[shape.layout].write(copiesOfRow(row)).fields];
  for (const field of fields) {
    const bytes = fieldBytes(field);
    if (bytes > MAX_FIELD_BYTES) return { tag: field.tag, bytes };
  }
  return undefined;
}
