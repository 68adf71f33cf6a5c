/**
 * marc4j's ISO2709 / MARCXML twins: the same records in both formats. kitap's
 * ISO2709 reading must equal kitap's MARCXML reading.
 *
 * - `chabon.mrc` ⇄ `chabon.xml` (2 records), `summerland.mrc` ⇄ `summerland.xml`:
 *   identical, leader included.
 * - `sample1.mrc` (8 records) ⇄ `sample1a.xml` (9 records): the XML was written
 *   from the ISO file by marc4j and has one record more (holdings 375291); the
 *   others are matched by 001. Differences, all explicit below:
 *   - leader/20-23 of three records is "45", 0x01/0x02, "0" in the ISO file:
 *     kitap replaces the control byte by a blank (E_LEADER warning), marc4j wrote
 *     "4500";
 *   - record 370636 (leader/09 "a") holds five bytes F8 BF BF BF B9 in 245 $c that
 *     are text in no character set: marc4j's XML has its MARC-8 reading
 *     ("c̜<U+00bf><U+00bf>£"), kitap's detection guesses cp1251 for the record and
 *     says so (W_CHARSET_MISMATCH); the rest of the record is ASCII and equal.
 */
import { describe, expect, it } from 'vitest';
import { type MarcRecord, readIso2709All, readMarcXml } from '../../src/index.js';
import { readAll, records } from '../marcxml/helpers.js';
import { HAS_CORPUS, NO_CORPUS_MESSAGE, corpusPath } from './corpus.js';

const M4J = 'marc4j/test/resources/';

async function iso(file: string): Promise<MarcRecord[]> {
  const items = await readIso2709All(corpusPath(M4J + file), { mode: 'lenient', file });
  expect(items.every((i) => i.kind === 'record')).toBe(true);
  return records(items);
}

async function xml(file: string): Promise<MarcRecord[]> {
  return records(await readAll(readMarcXml, corpusPath(M4J + file), { mode: 'strict', file }));
}

const shape = (r: MarcRecord) => ({ leader: r.leader.value, fields: r.fields });

describe.skipIf(!HAS_CORPUS)('marc4j ISO2709 / MARCXML pairs read by kitap', () => {
  if (!HAS_CORPUS) it.skip(NO_CORPUS_MESSAGE, () => {});

  it.each([
    ['chabon.mrc', 'chabon.xml', ['11939876', '12883376']],
    ['summerland.mrc', 'summerland.xml', ['12883376']],
  ])('%s read as ISO2709 = %s read as MARCXML, leader and fields, no warnings', async (mrc, marcxml, ids) => {
    const fromIso = await iso(mrc);
    const fromXml = await xml(marcxml);
    expect(fromIso.map((r) => r.controlValue('001'))).toEqual(ids);
    expect(fromIso.map(shape)).toEqual(fromXml.map(shape));
    expect(fromIso.flatMap((r) => r.warnings)).toEqual([]);
    expect(fromIso.every((r) => r.sourceCharset === 'utf-8')).toBe(true);
  });

  it('sample1.mrc = sample1a.xml, record by record by 001, apart from the documented leader bytes and five junk bytes', async () => {
    const fromIso = await iso('sample1.mrc');
    const fromXml = await xml('sample1a.xml');
    expect(fromIso).toHaveLength(8);
    expect(fromXml).toHaveLength(9);
    const byId = new Map(fromXml.map((r) => [r.controlValue('001'), r]));
    const isoIds = new Set(fromIso.map((r) => r.controlValue('001')));
    expect(fromXml.map((r) => r.controlValue('001')).filter((id) => !isoIds.has(id))).toEqual(['375291']);

    for (const r of fromIso) {
      const id = r.controlValue('001')!;
      const theirs = byId.get(id)!;
      let leader = r.leader.value;
      if (['370589', '370607', '370627'].includes(id)) {
        expect(leader.slice(20)).toBe('45 0');
        expect(r.warnings.map((w) => w.code)).toEqual(['E_LEADER']);
        expect(r.warnings[0]!.message).toMatch(/^leader\/22 is byte 0x0[12], not printable ASCII; replaced by a blank$/);
        leader = r.leader.with(22, '0').value;
      }
      expect(leader, id).toBe(theirs.leader.value);
      if (id === '370636') {
        expect(r.sourceCharset).toBe('cp1251');
        expect(r.warnings.map((w) => w.code)).toEqual(['W_CHARSET_MISMATCH']);
        const ours = r.subfieldValues('245', 'c')[0]!;
        const marc4j = theirs.subfieldValues('245', 'c')[0]!;
        expect(ours).toBe("sous la direction de Domenico Sartore et Achille M. Triacca ; adaptation franc\u0448\u0457\u0457\u0457\u2116ise sous la direction d'Henri Delhougne.");
        expect(marc4j).toBe("sous la direction de Domenico Sartore et Achille M. Triacca ; adaptation franc\u031c<U+00bf><U+00bf>\u00a3ise sous la direction d'Henri Delhougne.");
        const without245 = (x: MarcRecord) => x.fields.filter((f) => f.tag !== '245');
        expect(without245(r)).toEqual(without245(theirs));
        expect(r.subfieldValues('245', 'a')).toEqual(theirs.subfieldValues('245', 'a'));
        continue;
      }
      expect(r.fields, id).toEqual(theirs.fields);
    }
  });
});
