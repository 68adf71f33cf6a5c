import { statSync } from 'node:fs';
import { type MarcRecord, detectFlavour, marcXmlEncoder, readRecords } from '@kitap/marc';
import { MARC21_SLIM } from '../xml/marc-namespaces.js';
import { foldText, isbnKey } from './match-keys.js';

/** One record as the stand-in serves it: its OAI header, its MARCXML and its search keys. */
export interface ServedRecord {
  /** 1-based position in the MARC file (records only; rejects of the file are not served). */
  position: number;
  identifier: string;
  /** `YYYY-MM-DD`: from 005, else the file's modification date. */
  datestamp: string;
  /** `marc21` or `unimarc` (by content), none when the flavour is unknown. */
  sets: string[];
  /** Leader/05 is `d`. */
  deleted: boolean;
  /** The record element, in the MARC21 slim namespace. */
  xml: string;
  /** Folded titles (245/246 in MARC 21, 200 in UNIMARC), one per field. */
  titles: string[];
  /** Folded author headings (1XX/7XX in MARC 21, 70X/71X in UNIMARC). */
  authors: string[];
  /** ISBN keys (020 in MARC 21, 010 in UNIMARC). */
  isbns: string[];
}

/** The MARC file as the stand-in serves it. */
export interface ServedCatalog {
  file: string;
  records: ServedRecord[];
  byIdentifier: Map<string, ServedRecord>;
  /** Sets that have records: spec and name. */
  sets: { spec: string; name: string }[];
  earliestDatestamp: string;
  /** Items of the file that were rejects (not served). */
  rejected: number;
  /** Records that could not be written as MARCXML (not served). */
  unwritable: number;
}

const SET_NAMES: Record<string, string> = { marc21: 'MARC 21 records', unimarc: 'UNIMARC / RUSMARC records' };

function datestampOf(record: MarcRecord, fallback: string): string {
  const value = record.controlValue('005');
  const match = value === undefined ? null : /^(\d{4})(\d{2})(\d{2})/.exec(value);
  if (!match) return fallback;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${match[1]}-${match[2]}-${match[3]}` : fallback;
}

function joined(record: MarcRecord, tags: readonly string[], codes: string): string[] {
  const out: string[] = [];
  for (const field of record.dataFields((f) => tags.includes(f.tag))) {
    const text = field.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value).join(' ');
    const folded = foldText(text);
    if (folded !== '') out.push(folded);
  }
  return out;
}

function keysOf(record: MarcRecord, flavour: string): Pick<ServedRecord, 'titles' | 'authors' | 'isbns'> {
  if (flavour === 'unimarc') {
    return {
      titles: joined(record, ['200'], 'aei'),
      authors: joined(record, ['700', '701', '702', '710', '711', '712'], 'ab'),
      isbns: record.subfieldValues('010', 'a').flatMap((v) => isbnKey(v) ?? []),
    };
  }
  return {
    titles: [...joined(record, ['245'], 'abnp'), ...joined(record, ['246'], 'ab')],
    authors: joined(record, ['100', '110', '111', '700', '710', '711'], 'a'),
    isbns: record.subfieldValues('020', 'a').flatMap((v) => isbnKey(v) ?? []),
  };
}

/** The record element with the MARC21 slim namespace declared on it. */
function recordXml(encoded: Uint8Array | string): string {
  const text = typeof encoded === 'string' ? encoded : Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength).toString('utf8');
  return text.replace(/^<record>/, `<record xmlns="${MARC21_SLIM}">`).trimEnd();
}

/**
 * Reads a MARC file (any format kitap reads) into what the stand-in serves.
 * Identifiers are `oai:kitap:` and the record's 001 when that is unique in
 * the file, else `oai:kitap:record-<position>`, so that every record has one
 * identifier of its own.
 */
export async function loadServedCatalog(file: string): Promise<ServedCatalog> {
  const fallback = statSync(file).mtime.toISOString().slice(0, 10);
  const encoder = marcXmlEncoder({ pretty: false });
  const loaded: (Omit<ServedRecord, 'identifier'> & { controlNumber: string | undefined })[] = [];
  const controlNumbers = new Map<string, number>();
  let rejected = 0;
  let unwritable = 0;
  let position = 0;
  for await (const item of readRecords(file)) {
    if (item.kind === 'reject') {
      rejected++;
      continue;
    }
    position++;
    const record = item.record;
    let xml: string;
    try {
      xml = recordXml(encoder.encode(record, position - 1));
    } catch {
      unwritable++;
      continue;
    }
    const flavour = detectFlavour(record);
    const controlNumber = record.controlValue('001')?.trim() || undefined;
    if (controlNumber !== undefined) controlNumbers.set(controlNumber, (controlNumbers.get(controlNumber) ?? 0) + 1);
    loaded.push({
      position,
      controlNumber,
      datestamp: datestampOf(record, fallback),
      sets: flavour === 'unknown' ? [] : [flavour],
      deleted: record.leader.recordStatus === 'd',
      xml,
      ...keysOf(record, flavour),
    });
  }
  const records: ServedRecord[] = loaded.map(({ controlNumber, ...rest }) => ({
    ...rest,
    identifier: controlNumber !== undefined && controlNumbers.get(controlNumber) === 1 ? `oai:kitap:${encodeURIComponent(controlNumber)}` : `oai:kitap:record-${rest.position}`,
  }));
  const setSpecs = [...new Set(records.flatMap((r) => r.sets))].sort();
  return {
    file,
    records,
    byIdentifier: new Map(records.map((r) => [r.identifier, r])),
    sets: setSpecs.map((spec) => ({ spec, name: SET_NAMES[spec] ?? spec })),
    earliestDatestamp: records.reduce((min, r) => (r.datestamp < min ? r.datestamp : min), records[0]?.datestamp ?? fallback),
    rejected,
    unwritable,
  };
}
