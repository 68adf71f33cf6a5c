/**
 * MARC-in-JSON writer: a JSON array of records (one record per line inside
 * it), or NDJSON (one record per line, nothing else).
 */
import { checkWritable } from '../marcxml/problems.js';
import type { RecordEncoder } from '../read-types.js';
import type { MarcRecord } from '../record/record.js';

export interface MijEncoderOptions {
  /** One record per line with no enclosing array (default false: a JSON array). */
  ndjson?: boolean;
}

/** The record as a MARC-in-JSON value (key order: leader, fields; ind1, ind2, subfields). */
export function recordToMij(record: MarcRecord): { leader: string; fields: Record<string, unknown>[] } {
  return {
    leader: record.leader.value,
    fields: record.fields.map((field) =>
      field.kind === 'control'
        ? { [field.tag]: field.value }
        : { [field.tag]: { ind1: field.ind1, ind2: field.ind2, subfields: field.subfields.map((sf) => ({ [sf.code]: sf.value })) } },
    ),
  };
}

/** One record as compact JSON text (no newline). */
export function mijRecord(record: MarcRecord, index = 0): string {
  checkWritable(record, index);
  return JSON.stringify(recordToMij(record));
}

/**
 * Writes MARC-in-JSON. Collection: `[` header, records separated by `,` and a
 * newline, `]` footer — valid JSON for any number of records, also none.
 */
export function mijEncoder(options: MijEncoderOptions = {}): RecordEncoder {
  if (options.ndjson) {
    return { header: '', encode: (record, index) => `${mijRecord(record, index)}\n`, footer: '' };
  }
  // The comma goes before every record but the first one written: counted here,
  // so a record that fails to encode (and becomes a reject) leaves no stray comma.
  let written = 0;
  return {
    header: '[',
    encode: (record, index) => {
      const json = mijRecord(record, index);
      return `${written++ > 0 ? ',' : ''}\n${json}`;
    },
    footer: '\n]\n',
  };
}
