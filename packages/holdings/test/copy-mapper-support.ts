import fc from 'fast-check';
import { expect } from 'vitest';
import { type DataField, type MarcRecord, readMrk } from '@kitap/marc';
import { COPY_PROPERTIES, COPY_STATUSES, type Copy, type CopyProperty, type LostValue, MAX_TIYN, WRITE_OFF_REASONS, copyValue } from '../src/index.js';

/** One record from MarcEdit mnemonic lines (a leader is added). */
export async function recordOf(...lines: string[]): Promise<MarcRecord> {
  const text = ['=LDR  00000nam  2200000 a 4500', ...lines].join('\n') + '\n';
  for await (const item of readMrk(Buffer.from(text), { mode: 'strict' })) if (item.kind === 'record') return item.record;
  throw new Error('no record');
}

/** A field's subfields as mnemonic text: `$a0$b48213`. */
export function mnemonic(field: DataField): string {
  return field.subfields.map((sf) => `$${sf.code}${sf.value}`).join('');
}

const words = fc.constantFrom(
  'ЦГБ',
  '№15 д.',
  '№1 юн.',
  'Ф-л №4',
  'Абонемент',
  'Читальный зал',
  'ООИФ',
  'Покупка',
  'Сыйға тартылған',
  'Мемлекеттік бағдарлама',
  'KZ-KrCBS',
  '48213',
  'КХ-000003',
  '84(5Каз)-44 Ә 95',
  'Ветхий переплёт',
  '1999/22',
);
const text = fc.oneof(words, fc.string({ minLength: 1, maxLength: 10 }));
const isoDate = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Any valid canonical copy: every property optional, realistic Kazakh and Russian words mixed with arbitrary text. */
export const copyArbitrary: fc.Arbitrary<Copy> = fc.record(
  {
    inventoryNumber: text,
    barcode: text,
    institution: text,
    branch: text,
    currentBranch: text,
    department: text,
    status: fc.constantFrom(...COPY_STATUSES),
    price: fc.integer({ min: 0, max: MAX_TIYN }),
    dateReceived: isoDate,
    accessionBatch: text,
    source: text,
    receiptAct: text,
    callNumber: text,
    copyNumber: text,
    itemType: text,
    copies: fc.integer({ min: 1, max: 500 }),
    writeOff: fc.record({ act: text, date: isoDate, reason: fc.constantFrom(...WRITE_OFF_REASONS) }, { requiredKeys: [] }),
    transfer: fc.record({ act: text, date: isoDate, from: text, to: text, institution: text }, { requiredKeys: [] }),
    notes: fc.array(text, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/**
 * Checks that every value of the original copies either came back unchanged
 * or has a line in `lost` — and that nothing came back that was not there, and
 * nothing is in `lost` that did come back.
 */
export function expectKeptOrLost(original: readonly Copy[], back: readonly Copy[], lost: readonly LostValue[]): void {
  expect(back).toHaveLength(original.length);
  const lostKey = (copy: number, property: CopyProperty, value: string): string => `${copy}\u0000${property}\u0000${value}`;
  const lostKeys = new Set(lost.map((l) => lostKey(l.copy, l.property, l.value)));
  const accounted = new Set<string>();
  original.forEach((copy, i) => {
    const returned = back[i]!;
    for (const property of COPY_PROPERTIES) {
      if (property === 'notes') {
        const notes = copy.notes ?? [];
        const lostNotes = lost.filter((l) => l.copy === i && l.property === 'notes').map((l) => l.value);
        const kept = returned.notes ?? [];
        if (lostNotes.length > 0) expect(kept).toEqual([]);
        expect(lostNotes.length > 0 ? lostNotes : kept).toEqual(notes);
        for (const note of lostNotes) accounted.add(lostKey(i, 'notes', note));
        continue;
      }
      const value = copyValue(copy, property);
      const came = copyValue(returned, property);
      if (value === undefined) {
        expect(came, `copy ${i} ${property}`).toBeUndefined();
      } else if (lostKeys.has(lostKey(i, property, value))) {
        expect(came, `copy ${i} ${property} is lost`).toBeUndefined();
        accounted.add(lostKey(i, property, value));
      } else {
        expect(came, `copy ${i} ${property}`).toBe(value);
      }
    }
  });
  // Every line of `lost` names a value the input had.
  expect(lost.filter((l) => !accounted.has(lostKey(l.copy, l.property, l.value)))).toEqual([]);
}
