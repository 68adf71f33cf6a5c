import { type Copy, COPY_MAPPERS, type LostValue, type MapperLayout } from '@kitap/holdings';
import { type DataField, type Field, Leader, MarcRecord, controlField, dataField, subfieldValue } from '@kitap/marc';
import type { EditionData } from './classify-row.js';

/** The MARC flavour of the records kitap writes for new editions. */
export type RecordFlavour = 'marc21' | 'unimarc';

/**
 * A new catalog record for an edition found only in the export: a minimal
 * book record (leader, 001, 008 or 100, ISBN, classification, author, title,
 * imprint, language) in the flavour of the profile. Nothing is invented:
 * fields the export has no data for are left out. No timestamps (005), so the
 * same input gives the same bytes.
 */
export function newEditionRecord(id: string, edition: EditionData, flavour: RecordFlavour): MarcRecord {
  return flavour === 'marc21' ? marc21Record(id, edition) : unimarcRecord(id, edition);
}

function sub(code: string, value: string | undefined): { code: string; value: string }[] {
  return value === undefined || value === '' ? [] : [{ code, value }];
}

function marc21Record(id: string, e: EditionData): MarcRecord {
  const fields: Field[] = [controlField('001', id)];
  const year = e.year === undefined ? '    ' : String(e.year);
  const lang = (e.language ?? '   ').padEnd(3).slice(0, 3);
  // 008 for books, position by position: date entered (constant 000000, for stable bytes), single date
  // (s + year), no place (xx), no illustrations/audience/form/contents, not a government publication,
  // not a conference, no festschrift, no index, literary form 0, no biography, the language, source d.
  const f008 = ['000000', 's', year, '    ', 'xx ', '    ', ' ', ' ', '    ', ' ', '000', ' ', '0', ' ', lang, ' ', 'd'].join('');
  fields.push(controlField('008', f008));
  if (e.isbn !== undefined) fields.push(dataField('020', ' ', ' ', [{ code: 'a', value: e.isbn }]));
  if (e.language !== undefined) fields.push(dataField('041', '0', ' ', [{ code: 'a', value: e.language }]));
  if (e.udc !== undefined) fields.push(dataField('080', ' ', ' ', [{ code: 'a', value: e.udc }]));
  if (e.bbk !== undefined) fields.push(dataField('084', ' ', ' ', [{ code: 'a', value: e.bbk }, { code: '2', value: 'rubbk' }]));
  if (e.author !== undefined) fields.push(dataField('100', '1', ' ', [{ code: 'a', value: e.author }]));
  fields.push(dataField('245', e.author === undefined ? '0' : '1', '0', [{ code: 'a', value: e.title }, ...sub('n', e.volume)]));
  const imprint = [...sub('a', e.place), ...sub('b', e.publisher), ...sub('c', e.year === undefined ? undefined : String(e.year))];
  if (imprint.length) fields.push(dataField('260', ' ', ' ', imprint));
  return new MarcRecord(new Leader('00000nam a2200000 i 4500'), fields);
}

function unimarcRecord(id: string, e: EditionData): MarcRecord {
  const fields: Field[] = [controlField('001', id)];
  if (e.isbn !== undefined) fields.push(dataField('010', ' ', ' ', [{ code: 'a', value: e.isbn }]));
  const year = e.year === undefined ? '    ' : String(e.year);
  // 100 $a: date entered (constant), publication type d/year, target audience, character set 50 (Unicode).
  fields.push(dataField('100', ' ', ' ', [{ code: 'a', value: `00000000d${year}    k  y0rusy50      ca` }]));
  if (e.language !== undefined) fields.push(dataField('101', '0', ' ', [{ code: 'a', value: e.language }]));
  fields.push(dataField('200', '1', ' ', [{ code: 'a', value: e.title }, ...sub('h', e.volume), ...sub('f', e.author)]));
  const imprint = [...sub('a', e.place), ...sub('c', e.publisher), ...sub('d', e.year === undefined ? undefined : String(e.year))];
  if (imprint.length) fields.push(dataField('210', ' ', ' ', imprint));
  if (e.udc !== undefined) fields.push(dataField('675', ' ', ' ', [{ code: 'a', value: e.udc }]));
  if (e.bbk !== undefined) fields.push(dataField('686', ' ', ' ', [{ code: 'a', value: e.bbk }, { code: '2', value: 'rubbk' }]));
  if (e.author !== undefined) fields.push(dataField('700', ' ', '1', [{ code: 'a', value: e.author }]));
  return new MarcRecord(new Leader('00000nam0 2200000   450 '), fields);
}

/**
 * The record with the copies appended in the layout's copy fields. For
 * 852/876 the new pairs' `$8` links continue after the record's highest link,
 * so an existing record's own pairs keep theirs. Returns what the layout could
 * not hold (say, a write-off act in Koha's 952): reported, never dropped
 * silently.
 */
export function withCopies(record: MarcRecord, copies: readonly Copy[], layout: MapperLayout): { record: MarcRecord; lost: LostValue[] } {
  const { fields, lost } = COPY_MAPPERS[layout].write(copies);
  const base = maxLink(record.fields);
  const out = record.clone();
  for (const f of fields) out.addField(base === 0 ? f : relinked(f, base));
  return { record: out, lost };
}

function maxLink(fields: readonly Field[]): number {
  let max = 0;
  for (const f of fields) {
    if (f.kind !== 'data' || (f.tag !== '852' && f.tag !== '876')) continue;
    const link = Number.parseInt(subfieldValue(f, '8') ?? '', 10);
    if (link > max) max = link;
  }
  return max;
}

function relinked(field: DataField, base: number): DataField {
  if (field.tag !== '852' && field.tag !== '876') return field;
  return {
    ...field,
    subfields: field.subfields.map((s) => {
      if (s.code !== '8') return s;
      const m = /^(\d+)(.*)$/.exec(s.value);
      return m ? { code: '8', value: `${Number(m[1]) + base}${m[2]}` } : s;
    }),
  };
}
