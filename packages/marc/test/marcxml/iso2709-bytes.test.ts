/**
 * The MARCXML encoder writes unmodified records read from UTF-8 ISO2709
 * straight from their bytes (iso2709-bytes.ts). Whatever the record, the
 * encoder must give what the string writer gives (marcXmlRecord), or refuse
 * the record as it does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIso2709All } from '../../src/iso2709/reader.js';
import { writeIso2709 } from '../../src/iso2709/writer.js';
import { marcXmlEncoder, marcXmlRecord } from '../../src/marcxml/writer.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';
import { recordArb } from '../fuzz/arbitraries.js';

async function readOne(bytes: Uint8Array): Promise<MarcRecord> {
  const [item] = await readIso2709All(bytes, { mode: 'lenient' });
  if (item?.kind !== 'record') throw new Error(`expected a record, got ${item?.kind === 'reject' ? item.reject.code : 'nothing'}`);
  return item.record;
}

/** What the encoder writes (as text) or the code it refuses with. */
function encoded(record: MarcRecord, pretty: boolean): string {
  try {
    const out = marcXmlEncoder({ pretty }).encode(record, 7);
    return typeof out === 'string' ? out : Buffer.from(out).toString('utf8');
  } catch (error) {
    return `refused ${(error as { code?: string }).code}`;
  }
}

/** What the string writer writes, or the code it refuses with. */
function written(record: MarcRecord, pretty: boolean): string {
  try {
    return marcXmlRecord(record, 7, { pretty });
  } catch (error) {
    return `refused ${(error as { code?: string }).code}`;
  }
}

function abai(): MarcRecord {
  return new MarcRecord(new Leader('00000nam a2200000 i 4500'), [
    controlField('001', 'KZ-000042'),
    dataField('100', '1', ' ', subfields('a', 'Әуезов, М.')),
    dataField('245', '1', '0', subfields('a', 'Абай жолы : роман-эпопея <том 1> & "Қан мен тер" /', 'c', "М. Әуезов ; ред. О'Брайен.")),
    dataField('852', ' ', ' ', subfields('a', 'ЦБС Караганды', 'b', '№15 д.', 'p', 'KX-000123')),
  ]);
}

describe('MARCXML from ISO2709 bytes', () => {
  it('writes a Kazakh record, escaping what XML needs, as the string writer does', async () => {
    const record = await readOne(writeIso2709(abai()));
    const bytes = marcXmlEncoder().encode(record, 0);
    expect(bytes).toBeInstanceOf(Uint8Array); // written from the record's bytes
    const text = Buffer.from(bytes).toString('utf8');
    expect(text).toContain('<subfield code="a">Абай жолы : роман-эпопея &lt;том 1&gt; &amp; &quot;Қан мен тер&quot; /</subfield>');
    expect(text).toContain('<subfield code="c">М. Әуезов ; ред. О&apos;Брайен.</subfield>');
    expect(encoded(record, true)).toBe(written(record, true));
    expect(encoded(record, false)).toBe(written(record, false));
  });

  it('leaves changed records, and what it cannot vouch for, to the string writer', async () => {
    const record = await readOne(writeIso2709(abai()));
    record.replaceField(1, dataField('100', '1', ' ', subfields('a', 'Есенберлин, І.')));
    expect(typeof marcXmlEncoder().encode(record, 0)).toBe('string');
    expect(encoded(record, true)).toBe(written(record, true));
    expect(encoded(record, true)).toContain('Есенберлин, І.');

    // an ESC in a value: XML 1.0 cannot carry it, and the string writer says so
    const esc = Buffer.from(writeIso2709(abai()));
    esc[esc.indexOf(Buffer.from('ЦБС'))] = 0x1b;
    esc[esc.indexOf(Buffer.from('ЦБС')) + 1] = 0x28;
    const withEsc = await readOne(esc);
    expect(encoded(withEsc, true)).toBe('refused E_XML_ILLEGAL_CHAR');

    // a data field whose indicator the writers refuse
    const bad = Buffer.from(writeIso2709(abai()));
    bad[bad.indexOf(Buffer.from('10\x1fa', 'latin1'))] = 0x23; // 245's first indicator becomes '#'
    expect(encoded(await readOne(bad), true)).toBe('refused E_INDICATOR');
  });

  it('writes any well-formed record as the string writer does', async () => {
    await fc.assert(
      fc.asyncProperty(recordArb, fc.boolean(), async (original, pretty) => {
        const record = await readOne(writeIso2709(original));
        expect(encoded(record, pretty)).toBe(written(record, pretty));
      }),
      { numRuns: 300 },
    );
  });
});
