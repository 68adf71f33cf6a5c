/**
 * Generated records (arbitraries.ts: Kazakh, Russian, Latin, punctuation every
 * format escapes, empty values) survive every format and every chain of
 * formats.
 *
 * What the writers normalise, and so what is compared:
 * - ISO2709 recomputes the structural leader positions: 00-04 (record length
 *   in bytes), 09 (`a`: output is UTF-8), 10-11 (`22`), 12-16 (base address),
 *   20-22 (`450`) and 23 (`0` unless it is `0` or blank); any other leader
 *   character that is not printable ASCII becomes a blank. Fields are written
 *   as they are.
 * - MARCXML, MARC-in-JSON (array and NDJSON) and mnemonic text write the
 *   leader and the fields exactly (escaping what they must): a record read
 *   back from them is the record written, leader included.
 * So after one format the fields and the leader outside 00-04, 09, 10-16 and
 * 20-23 are compared; after a text format alone the whole leader is.
 *
 * Empty values: every codec carries an empty subfield value and an empty
 * control field (ISO2709 as a delimiter and code with nothing after them or
 * a lone field terminator; MARCXML an empty element; MiJ ""; mnemonic text
 * `$a` followed by `$` or the end of the line, `=001  ` with nothing after it).
 * A data field without subfields is not generated (MARCXML refuses it with
 * E_XML), nor a record without fields (ISO2709 reads it as E_NO_FIELDS).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OutputFormat, encoderFor, readRecords } from '../../src/formats.js';
import { readIso2709All } from '../../src/iso2709/reader.js';
import { writeIso2709 } from '../../src/iso2709/writer.js';
import { controlField, dataField } from '../../src/record/field.js';
import { MarcRecord } from '../../src/record/record.js';
import { recordsArb } from './arbitraries.js';
import { contentLeader } from './harness.js';

const SEED = Number(process.env['KITAP_FUZZ_SEED'] ?? 0x6b6974);
const RUNS = Number(process.env['KITAP_PROPERTY_RUNS'] ?? 150);

const FORMATS: OutputFormat[] = ['iso2709', 'marcxml', 'mij', 'ndjson', 'mrk'];
const TEXT_FORMATS: OutputFormat[] = ['marcxml', 'mij', 'ndjson', 'mrk'];

/** Header, every record, footer — the file an encoder writes. */
function serialise(format: OutputFormat, records: readonly MarcRecord[]): Uint8Array {
  const encoder = encoderFor(format);
  const parts: Uint8Array[] = [Buffer.from(encoder.header, 'utf8')];
  records.forEach((record, i) => {
    const part = encoder.encode(record, i);
    parts.push(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
  });
  parts.push(Buffer.from(encoder.footer, 'utf8'));
  return Buffer.concat(parts);
}

/** Reads a file strictly (throws at the first problem); every item must be a record. */
async function readBack(format: OutputFormat, bytes: Uint8Array, auto = false): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  const options = { format: auto ? ('auto' as const) : format === 'ndjson' ? ('mij' as const) : format, mode: 'strict' as const };
  for await (const item of readRecords(bytes, options)) {
    if (item.kind !== 'record') throw new Error(`strict read gave a reject: ${item.reject.code}`);
    out.push(item.record);
  }
  return out;
}

function shapeOf(record: MarcRecord, wholeLeader: boolean) {
  return { leader: wholeLeader ? record.leader.value : contentLeader(record.leader.value), fields: record.fields };
}

const params = { seed: SEED, numRuns: RUNS };

describe(`format round trips (fast-check seed ${SEED}, ${RUNS} runs each)`, () => {
  it.each(FORMATS)('%s: records written with encoderFor read back strictly as the same records', async (format) => {
    await fc.assert(
      fc.asyncProperty(recordsArb, async (records) => {
        const bytes = serialise(format, records);
        const back = await readBack(format, bytes);
        const whole = format !== 'iso2709';
        expect(back.map((r) => shapeOf(r, whole))).toEqual(records.map((r) => shapeOf(r, whole)));
        // the format is recognised from the bytes too
        const sniffed = await readBack(format, bytes, true);
        expect(sniffed.map((r) => shapeOf(r, whole))).toEqual(records.map((r) => shapeOf(r, whole)));
      }),
      params,
    );
  });

  it.each(FORMATS.flatMap((a) => FORMATS.map((b) => [a, b] as const)))('%s → %s: the second format carries what the first one read', async (first, second) => {
    await fc.assert(
      fc.asyncProperty(recordsArb, async (records) => {
        const once = await readBack(first, serialise(first, records));
        const twice = await readBack(second, serialise(second, once));
        expect(twice.map((r) => shapeOf(r, false))).toEqual(records.map((r) => shapeOf(r, false)));
      }),
      { ...params, numRuns: Math.max(10, Math.floor(RUNS / 5)) },
    );
  });

  it('iso2709 → marcxml → mij → mrk → iso2709 ends byte-identical to the first ISO2709 file', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb, async (records) => {
        const iso = serialise('iso2709', records);
        let current = await readBack('iso2709', iso);
        for (const format of ['marcxml', 'mij', 'mrk'] as const) current = await readBack(format, serialise(format, current));
        expect(Buffer.from(serialise('iso2709', current)).toString('base64')).toBe(Buffer.from(iso).toString('base64'));
      }),
      params,
    );
  });

  it('any chain of text formats between two ISO2709 files ends byte-identical', async () => {
    const chainArb = fc.array(fc.constantFrom(...TEXT_FORMATS), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(recordsArb, chainArb, async (records, chain) => {
        const iso = serialise('iso2709', records);
        let current = await readBack('iso2709', iso);
        for (const format of chain) current = await readBack(format, serialise(format, current));
        expect(Buffer.from(serialise('iso2709', current)).toString('base64')).toBe(Buffer.from(iso).toString('base64'));
      }),
      params,
    );
  });

  it('ISO2709: what is written reads back strictly unmodified and is written again byte for byte (its own bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb, async (records) => {
        const iso = serialise('iso2709', records);
        const back = await readBack('iso2709', iso);
        expect(back.every((r) => !r.modified && r.raw !== undefined && r.warnings.length === 0)).toBe(true);
        const again = Buffer.concat(back.map((r) => writeIso2709(r)));
        expect(again.equals(iso)).toBe(true);
        // raw passthrough: the writer hands back the very bytes it read
        for (const r of back) expect(writeIso2709(r)).toBe(r.raw);
      }),
      params,
    );
  });

  it('ISO2709: lengths, base address and directory offsets count bytes (UTF-8), not characters', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb, async (records) => {
        for (const record of records) {
          const bytes = Buffer.from(writeIso2709(record));
          const leader = bytes.toString('latin1', 0, 24);
          expect(Number(leader.slice(0, 5))).toBe(bytes.length);
          expect(leader.slice(9, 12)).toBe('a22');
          expect(leader.slice(20, 24)).toBe('4500');
          const base = Number(leader.slice(12, 17));
          expect(base).toBe(24 + 12 * record.fields.length + 1);
          expect(bytes[base - 1]).toBe(0x1e);
          expect(bytes[bytes.length - 1]).toBe(0x1d);
          let expectedOffset = 0;
          record.fields.forEach((field, i) => {
            const entry = bytes.toString('latin1', 24 + 12 * i, 36 + 12 * i);
            const text =
              field.kind === 'control' ? field.value : field.ind1 + field.ind2 + field.subfields.map((sf) => `\x1f${sf.code}${sf.value}`).join('');
            const length = Buffer.byteLength(text, 'utf8') + 1;
            expect(entry).toBe(`${field.tag}${String(length).padStart(4, '0')}${String(expectedOffset).padStart(5, '0')}`);
            expect(bytes[base + expectedOffset + length - 1]).toBe(0x1e);
            expect(bytes.toString('utf8', base + expectedOffset, base + expectedOffset + length - 1)).toBe(text);
            expectedOffset += length;
          });
          expect(base + expectedOffset + 1).toBe(bytes.length);
          // and marcjs-free sanity: the lenient reader sees no repair
          const items = await readIso2709All(bytes, { mode: 'lenient' });
          expect(items.length).toBe(1);
          expect(items[0]!.kind === 'record' && items[0]!.record.warnings).toEqual([]);
        }
      }),
      params,
    );
  });

  describe('empty values: how each format writes them, and that they come back', () => {
    const record = new MarcRecord('00000nam a2200000 i 4500', [
      controlField('001', ''),
      controlField('003', '  '),
      dataField('245', ' ', ' ', [{ code: 'a', value: '' }, { code: 'b', value: ' ' }, { code: 'c', value: '' }]),
    ]);
    const written: Record<OutputFormat, string> = {
      iso2709: '00076nam a2200061 i 4500001000100000003000300001245001000004\x1e\x1e  \x1e  \x1fa\x1fb \x1fc\x1e\x1d',
      marcxml: '<controlfield tag="001"></controlfield>\n  <controlfield tag="003">  </controlfield>\n  <datafield tag="245" ind1=" " ind2=" ">\n    <subfield code="a"></subfield>\n    <subfield code="b"> </subfield>\n    <subfield code="c"></subfield>',
      mij: '{"001":""},{"003":"  "},{"245":{"ind1":" ","ind2":" ","subfields":[{"a":""},{"b":" "},{"c":""}]}}',
      ndjson: '{"001":""},{"003":"  "},{"245":{"ind1":" ","ind2":" ","subfields":[{"a":""},{"b":" "},{"c":""}]}}',
      mrk: '=001  \n=003  \\\\\n=245  \\\\$a$b $c\n',
    };
    it.each(FORMATS)('%s', async (format) => {
      const bytes = serialise(format, [record]);
      expect(Buffer.from(bytes).toString(format === 'iso2709' ? 'latin1' : 'utf8')).toContain(written[format]);
      const [back] = await readBack(format, bytes);
      expect(back?.fields).toEqual(record.fields);
    });
  });
});
