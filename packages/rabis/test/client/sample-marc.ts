import { writeFileSync } from 'node:fs';
import { type Copy, customer949, marc21Holdings } from '@kitap/holdings';
import { Leader, MarcRecord, controlField, dataField, subfields, writeIso2709 } from '@kitap/marc';

/*
 * ISO2709 records for the delivery tests: MARC 21 records of a Kazakh and
 * Russian city library catalog with their copies in 852/876 (as `kitap
 * inventory` writes records.mrc) or in the customer's 949, the copies'
 * libraries given by code (`F04`) or as people spell them (`ЦГБ`, `№15 д.`).
 */

const WORKS = [
  { author: 'Әуезов, Мұхтар', title: 'Абай жолы', language: 'kaz' },
  { author: 'Есенберлин, Ілияс', title: 'Көшпенділер', language: 'kaz' },
  { author: 'Толстой, Лев Николаевич', title: 'Война и мир', language: 'rus' },
  { author: 'Абай Құнанбайұлы', title: 'Қара сөздер', language: 'kaz' },
  { author: 'Достоевский, Фёдор Михайлович', title: 'Преступление и наказание', language: 'rus' },
  { author: 'Мүсірепов, Ғабит', title: 'Ұлпан', language: 'kaz' },
] as const;

/** Where the copies of the sample are: the library (by code or spelling), the unit, and the department code the stand-in gives them. */
export const PLACES = [
  { branch: 'F04', expected: 'F04' },
  { branch: 'ЦГБ', department: 'Абонемент', expected: 'CGB/ABON' },
  { branch: 'D15', expected: 'D15' },
  { branch: 'Y01', expected: 'Y01' },
  { branch: 'CGB', expected: 'CGB' },
] as const;

/** One sample record: its 001, title, author, 008 language and copies, in 852/876 or 949. */
export function sampleMarcRecord(n: number, copies: readonly Copy[], layout: '852/876' | '949' = '852/876'): MarcRecord {
  const work = WORKS[n % WORKS.length]!;
  const year = String(1960 + (n % 64));
  const fixed = `${`240101s${year}    kz `.padEnd(35, ' ')}${work.language} d`;
  const title = n % 3 === 0 ? `${work.title}. ${1 + (n % 4)}-т.` : work.title;
  const { fields } = (layout === '949' ? customer949 : marc21Holdings).write(copies);
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', `KRG-${String(n).padStart(6, '0')}`),
    controlField('008', fixed),
    dataField('100', '1', ' ', subfields('a', `${work.author},`)),
    dataField('245', '1', '0', subfields('a', `${title} /`, 'c', work.author)),
    dataField('260', ' ', ' ', subfields('a', 'Алматы :', 'b', 'Жазушы,', 'c', year)),
    ...fields,
  ]);
}

/** A sample record with one or two copies, numbered from `firstInv`; its copies' inventory numbers and expected department codes. */
export function sampleCopies(n: number, firstInv: number): { copies: Copy[]; expected: { invNumber: string; department: string }[] } {
  const count = n % 7 === 0 ? 2 : 1;
  const copies: Copy[] = [];
  const expected: { invNumber: string; department: string }[] = [];
  for (let k = 0; k < count; k++) {
    const place = PLACES[(n + k) % PLACES.length]!;
    const invNumber = String(firstInv + k);
    copies.push({ inventoryNumber: invNumber, branch: place.branch, ...('department' in place ? { department: place.department } : {}), status: 'available' });
    expected.push({ invNumber, department: place.expected });
  }
  return { copies, expected };
}

/** A sample record as ISO2709 bytes, with what the stand-in should hold of its copies. */
export interface SampleMarc {
  bytes: Uint8Array;
  controlNumber: string;
  title: string;
  copies: { invNumber: string; department: string }[];
}

/** `count` records, inventory numbers unique across them; every fifth in 949, the others in 852/876. */
export function sampleMarcRecords(count: number, from = 0): SampleMarc[] {
  const out: SampleMarc[] = [];
  let next = 300_000 + from * 2;
  for (let n = from; n < from + count; n++) {
    const { copies, expected } = sampleCopies(n, next);
    next += copies.length;
    const record = sampleMarcRecord(n, copies, n % 5 === 4 ? '949' : '852/876');
    const title = record.subfieldValues('245', 'a')[0]!.replace(/\s*\/$/, '');
    out.push({ bytes: writeIso2709(record), controlNumber: record.controlValue('001')!, title, copies: expected });
  }
  return out;
}

/** A record whose directory points past its data: the reader refuses it (E_FIELD_BOUNDS or the like). */
export function damagedRecord(n: number): Uint8Array {
  const bytes = Buffer.from(writeIso2709(sampleMarcRecord(n, [{ inventoryNumber: String(900_000 + n), branch: 'F04' }])));
  // The first directory entry's length, 4 digits at 27..30: make it absurd.
  bytes.write('9999', 27, 'latin1');
  return bytes;
}

/** Writes records (bytes) one after another, as an ISO2709 file. */
export function writeMrc(path: string, records: readonly Uint8Array[]): void {
  writeFileSync(path, Buffer.concat(records));
}
