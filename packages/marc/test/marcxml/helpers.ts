/**
 * Shared by the MARCXML, MARC-in-JSON and mnemonic tests: reading everything,
 * comparable record shapes, chunk-size invariance, sample records and the
 * fast-check generator of records.
 */
import fc from 'fast-check';
import { KitapError } from '@kitap/core';
import { splitIntoChunks } from '../../src/byte-input.js';
import type { ByteInput, ReadItem, ReadOptions, RecordEncoder } from '../../src/read-types.js';
import { type Field, controlField, dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';

export type Reader = (input: ByteInput, options?: ReadOptions) => AsyncGenerator<ReadItem>;

export async function readAll(reader: Reader, input: ByteInput, options: ReadOptions = {}): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of reader(input, options)) out.push(item);
  return out;
}

export function records(items: readonly ReadItem[]): MarcRecord[] {
  return items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
}

export function rejects(items: readonly ReadItem[]) {
  return items.flatMap((i) => (i.kind === 'reject' ? [i.reject] : []));
}

/** The first KitapError a strict read throws (fails the test when none is thrown). */
export async function strictError(reader: Reader, input: ByteInput, options: ReadOptions = {}): Promise<KitapError> {
  try {
    await readAll(reader, input, { ...options, mode: 'strict' });
  } catch (error) {
    if (error instanceof KitapError) return error;
    throw error;
  }
  throw new Error('expected the strict read to throw a KitapError');
}

/** What a record is, for deep equality: leader and fields. */
export function shape(record: MarcRecord): { leader: string; fields: readonly Field[] } {
  return { leader: record.leader.value, fields: record.fields };
}

/** Everything a read produced, for comparing reads (records with place and warnings, rejects whole). */
export function summary(items: readonly ReadItem[]) {
  return items.map((i) =>
    i.kind === 'record'
      ? { kind: 'record', ...shape(i.record), place: i.record.place, warnings: i.record.warnings }
      : { kind: 'reject', ...i.reject, raw: typeof i.reject.raw === 'string' ? i.reject.raw : Buffer.from(i.reject.raw).toString('base64') },
  );
}

/** Reads the bytes whole and in chunks of 1, 7 and 4096 bytes; returns the reads (the caller compares them). */
export async function readInChunks(reader: Reader, bytes: Uint8Array, options: ReadOptions = {}) {
  const out: { size: number | 'whole'; items: ReturnType<typeof summary> }[] = [];
  out.push({ size: 'whole', items: summary(await readAll(reader, bytes, options)) });
  for (const size of [1, 7, 4096]) out.push({ size, items: summary(await readAll(reader, [...splitIntoChunks(bytes, size)], options)) });
  return out;
}

/** Header, every record, footer — as one string. */
export function encodeAll(encoder: RecordEncoder, recs: readonly MarcRecord[]): string {
  let out = encoder.header;
  recs.forEach((r, i) => {
    const part = encoder.encode(r, i);
    out += typeof part === 'string' ? part : Buffer.from(part).toString('utf8');
  });
  return out + encoder.footer;
}

export const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** «Абай жолы» as a Kazakh library catalogues it, with a copy field. */
export function abaiRecord(): MarcRecord {
  return new MarcRecord(new Leader('00000nam a2200000 i 4500'), [
    controlField('001', 'KZ-ЦГБ-000123'),
    controlField('008', '240115s2023    kz a          000 1 kaz d'),
    dataField('020', ' ', ' ', subfields('a', '978-601-7000-00-0', 'c', '1500 тг.')),
    dataField('041', '0', ' ', subfields('a', 'kaz')),
    dataField('100', '1', ' ', subfields('a', 'Әуезов, Мұхтар', 'd', '1897-1961.')),
    dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
    dataField('260', ' ', ' ', subfields('a', 'Алматы :', 'b', 'Жазушы,', 'c', '2023.')),
    dataField('650', ' ', '7', subfields('a', 'Қазақ әдебиеті', '2', 'rubbk')),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'КХ-00123', 'c', '1500.00')),
  ]);
}

/** A Russian record with characters every format must escape: $ { } & < > " ' \ . */
export function tolstoyRecord(): MarcRecord {
  return new MarcRecord(new Leader('00000cam a2200000 i 4500'), [
    controlField('001', 'RU 000 77\\1'),
    controlField('005', '20240101120000.0'),
    dataField('100', '1', ' ', subfields('a', 'Толстой, Лев Николаевич,', 'd', '1828-1910.')),
    dataField('245', '1', '0', subfields('a', 'Война и мир <Роман> & "эпопея" \'1869\' /', 'c', 'Л. Н. Толстой.')),
    dataField('500', ' ', ' ', subfields('a', 'Цена: $12 {в мягкой обложке} {dollar} \\ обратная косая черта')),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'КХ-00124', 'c', '900.00')),
  ]);
}

// ---------------------------------------------------------------------------
// fast-check: records every format must carry exactly

const kazakh = 'абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяӘҒҚҢӨҰҮҺІ';
const russian = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя';
const latin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const marks = ' .,:;/-=()[]?!"\'&<>$${}{}\\#%*+@^_`|~';
const alphabet = [...new Set([...kazakh, ...russian, ...latin, ...marks])];

/** Text of the alphabet, sometimes with a mnemonic-looking piece ("{dollar}", "{acute}", "{lcub}"). */
export const textArb = fc
  .array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...alphabet) }, { weight: 1, arbitrary: fc.constantFrom('{dollar}', '{acute}', '{lcub}', '{bsol}', '{esc}', '{text}', '$a', '&amp;', ']]>') }), { maxLength: 30 })
  .map((parts) => parts.join(''));

const indicatorArb = fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz ');
const codeArb = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');

const controlArb = fc.record({ n: fc.integer({ min: 1, max: 9 }), value: textArb }).map(({ n, value }) => controlField(`00${n}`, value));
const dataArb = fc
  .record({
    n: fc.integer({ min: 10, max: 999 }),
    ind1: indicatorArb,
    ind2: indicatorArb,
    subfields: fc.array(fc.record({ code: codeArb, value: textArb }), { minLength: 1, maxLength: 5 }),
  })
  .map(({ n, ind1, ind2, subfields: sfs }) => dataField(String(n).padStart(3, '0'), ind1, ind2, sfs));

const leaderArb = fc
  .tuple(fc.constantFrom('n', 'c', 'd'), fc.constantFrom('a', 'c', 'g', 'j', 'm', 'z'), fc.constantFrom('m', 's', 'a', ' '), fc.constantFrom('a', ' '))
  .map(([status, type, level, coding]) => `00000${status}${type}${level} ${coding}2200000 i 4500`);

export const recordArb = fc
  .record({ leader: leaderArb, control: fc.array(controlArb, { maxLength: 4 }), data: fc.array(dataArb, { maxLength: 8 }) })
  .map(({ leader, control, data }) => new MarcRecord(new Leader(leader), [...control, ...data]));

/**
 * Reads until the first item and returns how many of the input's chunks had been
 * pulled by then (a streaming reader pulls only the first few).
 */
export async function chunksPulledForFirstItem(reader: Reader, chunks: readonly Uint8Array[]): Promise<{ pulled: number; first: ReadItem | undefined }> {
  let pulled = 0;
  async function* input() {
    for (const chunk of chunks) {
      pulled++;
      yield chunk;
    }
  }
  const iterator = reader(input())[Symbol.asyncIterator]();
  const first = await iterator.next();
  await iterator.return?.(undefined);
  return { pulled, first: first.done ? undefined : first.value };
}
