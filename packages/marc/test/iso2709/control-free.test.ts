/**
 * `MarcRecord.controlFree`: the reader's WebAssembly pass notes DEL, C1
 * controls and stray field terminators (SEEN_CONTROL) on the way, so that
 * the control-characters rule can skip a record it has nothing to say about.
 * It must never call a record free of them when a value holds one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFrames } from '../../src/iso2709/reader.js';
import { writeIso2709 } from '../../src/iso2709/writer.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';

function recordWith(value: string, control = '240101s2019    kz            000 1 kaz d'): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', 'KZ-000042'),
    controlField('008', control),
    dataField('245', '1', '0', subfields('a', value, 'c', 'М. Әуезов.')),
    dataField('852', ' ', ' ', subfields('a', 'ЦБС Караганды', 'p', 'KX-000123')),
  ]);
}

/** The record read back from its ISO2709 bytes, every field decoded. */
function readBack(bytes: Uint8Array): MarcRecord {
  const items = [...readFrames(Buffer.from(bytes), { encoding: 'auto', mode: 'lenient' })];
  expect(items).toHaveLength(1);
  const item = items[0]!;
  if (item.kind !== 'record') throw new Error(`read as ${item.kind}`);
  void item.record.fields;
  return item.record;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('controlFree', () => {
  it('is true for a Kazakh and Russian record without control characters', () => {
    expect(readBack(writeIso2709(recordWith('Абай жолы : роман-эпопея «Қазақ» /'))).controlFree).toBe(true);
  });

  // Each at positions where the four-byte steps take it (after an even run of Cyrillic or ASCII) and where they do not.
  const cases: [string, string][] = [
    ['DEL among ASCII', 'abc\u007fdefg'],
    ['DEL after one ASCII letter', 'a\u007f'],
    ['NEL between Cyrillic letters', 'Аб\u0085вг'],
    ['NSB/NSE non-sort marks', '\u0088Абай \u0089жолы'],
    ['ST after Cyrillic', 'жолы\u009c'],
    ['U+0080 after Cyrillic', 'Аб\u0080'],
    ['ESC', 'Абай \u001b(Nжолы'],
  ];
  for (const [name, value] of cases) {
    it(`is false with ${name}, and the value keeps it`, () => {
      const record = readBack(writeIso2709(recordWith(value), { keepEsc: true }));
      expect(record.controlFree).toBe(false);
      expect(record.fields[2]!.kind === 'data' && record.fields[2]!.subfields[0]!.value).toBe(value);
    });
  }

  it('is false with a field terminator inside a field, which the reader keeps in the value', () => {
    const bytes = Buffer.from(writeIso2709(recordWith('Абай жолы')));
    const at = bytes.indexOf(Buffer.from('жолы'));
    // "ж" (D0 B6) becomes 0x1E and "A": a field terminator inside the field, the bytes still valid UTF-8.
    bytes[at] = 0x1e;
    bytes[at + 1] = 0x41;
    const record = readBack(bytes);
    expect(record.controlFree).toBe(false);
  });

  it('is false once the record is changed', () => {
    const record = readBack(writeIso2709(recordWith('Абай жолы')));
    expect(record.controlFree).toBe(true);
    record.replaceField(2, dataField('245', '1', '0', subfields('a', 'Абай\u0085')));
    expect(record.controlFree).toBe(false);
  });

  it('is false for a record built in memory (no reader saw it)', () => {
    expect(recordWith('Абай жолы').controlFree).toBe(false);
  });

  it('never says a record is free of control characters when a value holds one, and says so of every clean usual record', () => {
    const alphabet = fc.constantFrom('а', 'ә', 'Қ', 'ё', 'A', 'z', '1', ' ', '.', '«', '»', '°', '\u00a0', '\u007f', '\u0080', '\u0085', '\u0088', '\u009f', '\u001b', '\u0009', 'ґ', '€', '𝔸');
    const valueArb = fc.array(alphabet, { minLength: 1, maxLength: 24 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(valueArb, valueArb, (a, b) => {
        const record = new MarcRecord(Leader.DEFAULT, [controlField('001', 'KZ-1'), dataField('245', '1', '0', subfields('a', a, 'b', b))]);
        const read = readBack(writeIso2709(record, { keepEsc: true }));
        const hasControl = CONTROL.test(a) || CONTROL.test(b);
        if (hasControl) expect(read.controlFree).toBe(false);
        // A tab fails the reader's clean pass, so such a record takes the general path: controlFree cannot be told there.
        else expect(read.controlFree).toBe(true);
      }),
      { seed: 2709, numRuns: 2000 },
    );
  });
});
