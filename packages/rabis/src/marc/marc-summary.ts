import type { MarcRecord } from '@kitap/marc';

/** What people recognise a MARC record by: its 001, title and first author. */
export interface MarcSummary {
  controlNumber?: string;
  title?: string;
  author?: string;
}

/**
 * The 001, the title (245 $a, or 200 $a in UNIMARC/RUSMARC) and the first
 * author (100 $a, or 700 $a) of a record, with the ISBD punctuation that
 * ends them removed (as `kitap inventory` writes titles into web-rabis.jsonl).
 */
export function marcSummary(record: MarcRecord): MarcSummary {
  const out: MarcSummary = {};
  const controlNumber = record.controlValue('001')?.trim();
  if (controlNumber) out.controlNumber = controlNumber;
  const marc21 = record.tags.includes('245');
  const title = record.subfieldValues(marc21 ? '245' : '200', 'a')[0]?.replace(/\s*[/:;=.,]\s*$/u, '').trim();
  if (title) out.title = title;
  const author = record.subfieldValues(marc21 ? '100' : '700', 'a')[0]?.replace(/[,.]\s*$/u, '').trim();
  if (author) out.author = author;
  return out;
}
