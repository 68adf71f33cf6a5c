import { KitapError } from '@kitap/core';
import { describe, expect, it } from 'vitest';
import { MarcRecord, controlField, dataField, encoderFor, readIso2709All, subfields, writeIso2709 } from '../../src/index.js';

const FT = Buffer.from([0x1e]);
const RT = Buffer.from([0x1d]);

/** 001 `id` and 245 $a `title`; directory lengths consistent, whatever bytes the title holds. */
function iso(id: string, title: Buffer, coding = 'a'): Buffer {
  const data = Buffer.concat([Buffer.from(id), FT, Buffer.from('10\x1fa'), title, FT]);
  const dir = `001${String(id.length + 1).padStart(4, '0')}00000245${String(title.length + 5).padStart(4, '0')}${String(id.length + 1).padStart(5, '0')}`;
  const base = 24 + dir.length + 1;
  const leader = `${String(base + data.length + 1).padStart(5, '0')}nam ${coding}22${String(base).padStart(5, '0')}   4500`;
  return Buffer.concat([Buffer.from(leader + dir, 'latin1'), FT, data, RT]);
}

async function readOne(bytes: Buffer): Promise<MarcRecord> {
  const items = await readIso2709All(bytes, { encoding: 'utf-8' });
  expect(items).toHaveLength(1);
  const item = items[0]!;
  if (item.kind !== 'record') throw new Error(`read as ${item.kind}`);
  return item.record;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof KitapError) return `${error.code} ${error.place.tag ?? ''}`.trim();
    throw error;
  }
  return undefined;
}

describe('writeIso2709: the byte-for-byte copy of an unmodified record checks its delimiters', () => {
  it.each([
    ['a record terminator in 245 $a', '001', Buffer.from('AB\x1dCD'), 'E_DELIMITER_IN_DATA 245'],
    ['a field terminator in 245 $a', '001', Buffer.from('AB\x1eCD'), 'E_DELIMITER_IN_DATA 245'],
    ['a subfield delimiter in the control field 001', 'X\x1f1', Buffer.from('ok'), 'E_DELIMITER_IN_DATA 001'],
  ])('refuses %s', async (_what, id, title, expected) => {
    const record = await readOne(iso(id, title));
    expect(record.modified).toBe(false);
    expect(record.raw).toBeDefined();
    expect(codeOf(() => writeIso2709(record))).toBe(expected);
  });

  it('still copies a clean record byte for byte (setting leader/09 only)', async () => {
    const clean = iso('C1', Buffer.from('Абай жолы'));
    const record = await readOne(clean);
    expect(Buffer.from(writeIso2709(record)).equals(clean)).toBe(true);
    const blank = iso('C2', Buffer.from('Абай жолы'), ' ');
    const written = Buffer.from(writeIso2709(await readOne(blank)));
    expect(written[9]).toBe(0x61);
    expect(written.subarray(10).equals(blank.subarray(10))).toBe(true);
  });
});

describe('the text encoders: refuseDelimiters and characterCoding options', () => {
  const withDelimiter = new MarcRecord('00000nam  2200000   4500', [controlField('001', 'D1'), dataField('245', '1', '0', subfields('a', 'AB\x1dCD'))]);
  const plain = new MarcRecord('00000nam  2200000   4500', [controlField('001', 'P1'), dataField('245', '1', '0', subfields('a', 'Абай'))]);

  it.each(['marcxml', 'mij', 'ndjson', 'mrk'] as const)('%s: refuses a delimiter in a value with E_DELIMITER_IN_DATA when asked, and keeps the default otherwise', (format) => {
    expect(codeOf(() => encoderFor(format, { refuseDelimiters: true }).encode(withDelimiter, 7))).toBe('E_DELIMITER_IN_DATA 245');
    const plainly = codeOf(() => encoderFor(format).encode(withDelimiter, 7));
    expect(plainly).toBe(format === 'marcxml' ? 'E_XML_ILLEGAL_CHAR 245' : undefined);
  });

  it.each(['marcxml', 'mij', 'ndjson', 'mrk'] as const)("%s: writes leader/09 = characterCoding when given, the leader as it is otherwise", (format) => {
    const given = String(encoderFor(format, { characterCoding: 'a' }).encode(plain, 0));
    expect(given).toContain('00000nam a2200000   4500');
    const asIs = String(encoderFor(format).encode(plain, 0));
    expect(asIs).toContain('00000nam  2200000   4500');
  });
});
