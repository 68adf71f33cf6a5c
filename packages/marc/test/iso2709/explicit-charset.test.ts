/**
 * A character set given to the ISO2709 reader (`--encoding cp1251`) is used as asked, but
 * when the bytes plainly are another set — valid UTF-8 with non-ASCII characters, or
 * Kazakh letters of KZ-1048 or PTCP154 — each such record carries W_CHARSET_GIVEN_MISMATCH.
 */
import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, controlField, dataField, readIso2709All, subfields, type CharsetName, type ReadItem } from '../../src/index.js';
import { legacyIso2709 } from './legacy-bytes.js';

/** ISO2709 bytes of a record whose text is in `charset` (the writer writes only UTF-8). */
function legacy(id: string, title: string, charset: CharsetName): Buffer {
  return legacyIso2709(new MarcRecord(Leader.DEFAULT, [controlField('001', id), dataField('245', '1', '0', subfields('a', title))]), charset);
}

const KAZAKH = 'Қазақ әдебиеті: Әуезов Мұхтар, ғылым, өнер';
const RUSSIAN = 'Основы гидравлики: учебник. Допуск ±5 мм, 5 ‰';

function mismatches(items: ReadItem[]): (string | undefined)[] {
  return items.map((item) => (item.kind === 'record' ? item.record.warnings.find((w) => w.code === 'W_CHARSET_GIVEN_MISMATCH')?.message : 'reject'));
}

describe('--encoding cp1251 on bytes that are not cp1251', () => {
  it('warns for KZ-1048, PTCP154 and UTF-8 records, per record with its index, and reads them as cp1251 all the same', async () => {
    const bytes = Buffer.concat([legacy('K1', KAZAKH, 'rk1048'), legacy('R1', RUSSIAN, 'cp1251'), legacy('K2', KAZAKH, 'utf-8'), legacy('K3', KAZAKH, 'pt154'), legacy('A1', 'ASCII only', 'cp1251')]);
    const items = await readIso2709All(bytes, { encoding: 'cp1251' });
    const found = mismatches(items);
    expect(found[0]).toMatch(/^the character set given is cp1251 but the bytes are rk1048 \(.*\); the text was read as cp1251, as asked$/);
    expect(found[1]).toBeUndefined(); // Russian in cp1251, ± and ‰ included
    expect(found[2]).toMatch(/^the character set given is cp1251 but the bytes are utf-8 /);
    expect(found[3]).toMatch(/but the bytes are pt154 /);
    expect(found[4]).toBeUndefined();
    const places = items.map((item) => (item.kind === 'record' ? item.record.warnings.find((w) => w.code === 'W_CHARSET_GIVEN_MISMATCH')?.place.index : undefined));
    expect(places).toEqual([0, undefined, 2, 3, undefined]);
    // read as asked: the text is what cp1251 makes of the bytes
    const first = items[0]!;
    expect(first.kind === 'record' && first.record.subfieldValues('245', 'a')).toEqual(['Ќазаќ јдебиеті: Јуезов Мўхтар, єылым, ґнер']);
  });

  it('warns for Kazakh text in PTCP154 that KZ-1048 reads almost as well (the guess between the two still rules out cp1251)', async () => {
    const items = await readIso2709All(legacy('P1', 'Қазақ әдебиеті және өнер тарихы', 'pt154'), { encoding: 'cp1251' });
    expect(mismatches(items)[0]).toMatch(/^the character set given is cp1251 but the bytes are pt154 /);
  });

  it('does not warn for Russian with ± and µ, or Ukrainian with ґ, which Kazakh sets read as Kazakh letters', async () => {
    const items = await readIso2709All(
      Buffer.concat([legacy('R2', 'Точность ±0,5 мм; масса 20 µг', 'cp1251'), legacy('U2', 'Українська ґрунтознавство: єдність і їжа. Ґанок', 'cp1251')]),
      { encoding: 'cp1251' },
    );
    expect(mismatches(items)).toEqual([undefined, undefined]);
  });

  it('does not warn for Ukrainian or Belarusian text in cp1251, whose letters sit where KZ-1048 has Kazakh ones', async () => {
    const items = await readIso2709All(Buffer.concat([legacy('U1', 'Україна: її ґанок, є', 'cp1251'), legacy('B1', 'Беларуская мова: ўсё', 'cp1251')]), { encoding: 'cp1251' });
    expect(mismatches(items)).toEqual([undefined, undefined]);
  });

  it('is a notice in every mode: the record is read in skip and strict mode too', async () => {
    for (const mode of ['skip', 'strict'] as const) {
      const items = await readIso2709All(legacy('K1', KAZAKH, 'rk1048'), { encoding: 'cp1251', mode });
      expect(items.map((i) => i.kind), mode).toEqual(['record']);
      expect(mismatches(items)[0], mode).toMatch(/bytes are rk1048/);
    }
  });

  it('says nothing when the encoding is detected (auto): the record is read in its own set', async () => {
    const items = await readIso2709All(Buffer.concat([legacy('K1', KAZAKH, 'rk1048'), legacy('K2', KAZAKH, 'utf-8')]), { encoding: 'auto' });
    expect(items.map((i) => i.kind === 'record' && i.record.subfieldValues('245', 'a')[0])).toEqual([KAZAKH, KAZAKH]);
  });
});
