/**
 * MARC-in-JSON writer: a JSON array of records (one record per line inside
 * it), or NDJSON (one record per line, nothing else).
 *
 * A record is refused with a KitapError (the CLI makes it a reject) when a
 * value holds a lone UTF-16 surrogate (`E_ENCODING`: UTF-8 cannot hold it) or,
 * with `refuseDelimiters`, a MARC delimiter 0x1D/0x1E/0x1F (`E_DELIMITER_IN_DATA`:
 * the record could not be written back to ISO2709, whose writer refuses it too), or
 * when the leader, a tag, an indicator or a subfield code breaks the rules
 * every writer checks so that the readers take the record back (`E_LEADER`,
 * `E_TAG`, `E_INDICATOR`, `E_SUBFIELD_CODE`).
 */
import { checkNoDelimiter, leaderWithCoding } from '../iso2709/writer.js';
import { checkCode, checkField, checkLeader, checkValue } from '../marcxml/problems.js';
import type { RecordEncoder } from '../read-types.js';
import type { Field } from '../record/field.js';
import type { MarcRecord } from '../record/record.js';

export interface MijEncoderOptions {
  /** One record per line with no enclosing array (default false: a JSON array). */
  ndjson?: boolean;
  /** Records the output already holds, when writing goes on after them (a resumed harvest): the separator goes before the next. */
  recordsBefore?: number;
  /** Leader/09 to write (`kitap convert`: 'a', the text being UTF-8); default: the leader as it is. */
  characterCoding?: string;
  /**
   * Refuse a value holding a MARC delimiter 0x1D/0x1E/0x1F with E_DELIMITER_IN_DATA, as the
   * ISO2709 writer does (`kitap convert`: the same outcome in every output format). Default:
   * written as it is (the readers keep it with a notice; nothing is lost in this format).
   */
  refuseDelimiters?: boolean;
}

/**
 * The record as a MARC-in-JSON value (key order: leader, fields; ind1, ind2,
 * subfields), with leader/09 set to `characterCoding` when one is given.
 */
export function recordToMij(record: MarcRecord, characterCoding?: string): { leader: string; fields: Record<string, unknown>[] } {
  return {
    leader: leaderWithCoding(record.leader.value, characterCoding),
    fields: record.fields.map((field) =>
      field.kind === 'control'
        ? { [field.tag]: field.value }
        : { [field.tag]: { ind1: field.ind1, ind2: field.ind2, subfields: field.subfields.map((sf) => ({ [sf.code]: sf.value })) } },
    ),
  };
}

/** What JSON.stringify escapes in a string, and surrogates (a lone one is refused; a pair is written as it is). */
const SPECIAL = /["\\\x00-\x1f\uD800-\uDFFF]/;

/** A string as JSON: quoted as it is unless the quick test finds something to escape or to check. */
function str(value: string): string {
  return SPECIAL.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** A value of fields[f] as JSON, checked (checkValue) when the quick test finds something. */
function value(text: string, index: number, fields: readonly Field[], f: number, code: string | undefined, refuse: boolean): string {
  if (!SPECIAL.test(text)) return '"' + text + '"';
  checkValue(text, false, index, fields, f, code);
  if (refuse) checkNoDelimiter(text, index, fields, f, code);
  return JSON.stringify(text);
}

/** `{"a":` by the code's character code (0x21-0x7E), and the same after a comma. */
const SUBFIELD_OPEN: string[] = [];
const NEXT_SUBFIELD_OPEN: string[] = [];
for (let c = 0x21; c <= 0x7e; c++) {
  SUBFIELD_OPEN[c] = `{${JSON.stringify(String.fromCharCode(c))}:`;
  NEXT_SUBFIELD_OPEN[c] = `,${SUBFIELD_OPEN[c]}`;
}

/**
 * One record as compact JSON text (no newline): exactly
 * `JSON.stringify(recordToMij(record))`, written directly without building the
 * objects first. The checks are checkWritable's, made inline in its order;
 * tags and indicators are then ASCII letters, digits or space and need no escaping.
 */
export function mijRecord(record: MarcRecord, index = 0, characterCoding?: string, refuseDelimiters = false): string {
  checkLeader(record, index);
  const fields = record.fields;
  let out = '{"leader":' + str(leaderWithCoding(record.leader.value, characterCoding)) + ',"fields":[';
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f]!;
    checkField(index, fields, f);
    out += f > 0 ? ',{"' : '{"';
    if (field.kind === 'control') {
      out += field.tag + '":' + value(field.value, index, fields, f, undefined, refuseDelimiters) + '}';
      continue;
    }
    out += field.tag + '":{"ind1":"' + field.ind1 + '","ind2":"' + field.ind2 + '","subfields":[';
    const subfields = field.subfields;
    for (let s = 0; s < subfields.length; s++) {
      const sf = subfields[s]!;
      checkCode(sf.code, index, fields, f);
      const c = sf.code.charCodeAt(0);
      out += (s > 0 ? NEXT_SUBFIELD_OPEN[c]! : SUBFIELD_OPEN[c]!) + value(sf.value, index, fields, f, sf.code, refuseDelimiters) + '}';
    }
    out += ']}}';
  }
  return out + ']}';
}

/**
 * Writes MARC-in-JSON. Collection: `[` header, records separated by `,` and a
 * newline, `]` footer — valid JSON for any number of records, also none.
 */
export function mijEncoder(options: MijEncoderOptions = {}): RecordEncoder {
  const coding = options.characterCoding;
  const refuse = options.refuseDelimiters === true;
  if (options.ndjson) {
    return { header: '', encode: (record, index) => `${mijRecord(record, index, coding, refuse)}\n`, footer: '' };
  }
  // The comma goes before every record but the first one written: counted here,
  // so a record that fails to encode (and becomes a reject) leaves no stray comma.
  let written = options.recordsBefore ?? 0;
  return {
    header: '[',
    encode: (record, index) => {
      const json = mijRecord(record, index, coding, refuse);
      return `${written++ > 0 ? ',' : ''}\n${json}`;
    },
    footer: '\n]\n',
  };
}
