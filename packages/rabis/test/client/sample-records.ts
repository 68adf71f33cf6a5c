import { writeFileSync } from 'node:fs';

/*
 * Records in the shape kitap writes into web-rabis.jsonl (see
 * packages/inventory/src/web-rabis-ebook.ts), with Kazakh and Russian
 * catalog data of a city library system, for the delivery and verify tests.
 */

const WORKS = [
  { author: 'Әуезов М.', title: 'Абай жолы', language: 'kaz', place: 'Алматы', publisher: 'Жазушы' },
  { author: 'Есенберлин І.', title: 'Көшпенділер', language: 'kaz', place: 'Алматы', publisher: 'Жазушы' },
  { author: 'Толстой Л.', title: 'Война и мир', language: 'rus', place: 'Москва', publisher: 'Художественная литература' },
  { author: 'Абай Құнанбайұлы', title: 'Қара сөздер', language: 'kaz', place: 'Астана', publisher: 'Фолиант' },
  { author: 'Достоевский Ф.', title: 'Преступление и наказание', language: 'rus', place: 'Москва', publisher: 'Эксмо' },
  { author: 'Мүсірепов Ғ.', title: 'Ұлпан', language: 'kaz', place: 'Алматы', publisher: 'Атамұра' },
  { author: 'Пушкин А.', title: 'Евгений Онегин', language: 'rus', place: 'Москва', publisher: 'Детская литература' },
  { author: 'Жұмабаев М.', title: 'Шолпанның күнәсі', language: 'kaz', place: 'Алматы', publisher: 'Ана тілі' },
  { author: 'Чехов А.', title: 'Рассказы', language: 'rus', place: 'Караганда', publisher: 'Арко' },
  { author: 'Майлин Б.', title: 'Шұғаның белгісі', language: 'kaz', place: 'Алматы', publisher: 'Жазушы' },
] as const;

/** Departments of the stand-in's dictionary (codes of the Karaganda branch directory). */
export const DEPARTMENTS = [
  { code: 'F04', name: 'Библиотека-филиал №4' },
  { code: 'D15', name: 'Детская библиотека-филиал №15' },
  { code: 'CGB/ABON', name: 'Центральная городская библиотека, Абонемент' },
  { code: 'Y01', name: 'Юношеская библиотека-филиал №1' },
  { code: 'F22', name: 'Библиотека-филиал №22' },
] as const;

/** One record of the sample: the n-th edition, with its copies' inventory numbers. */
export function sampleRecord(n: number, invNumbers: readonly string[], department: { code: string; name: string } = DEPARTMENTS[n % DEPARTMENTS.length]!): Record<string, unknown> {
  const work = WORKS[n % WORKS.length]!;
  const year = String(1960 + (n % 64));
  return {
    state: { code: 'Ebook.Imported' },
    author: work.author,
    title: n % 3 === 0 ? `${work.title}. ${1 + (n % 4)}-т.` : work.title,
    sources: [{ title: work.title, responsibility: work.author, year, pages: String(200 + (n % 500)) }],
    publishings: [{ placeEdition: work.place, publishingHouse: work.publisher, yearEdition: year }],
    language: { language: work.language },
    siglas: [],
    inv: invNumbers.map((invNumber) => ({ invNumber, department, state: { code: 'available', name: 'В фонде' } })),
    kitap: { action: 'create', controlNumber: `KRG-${String(n).padStart(6, '0')}`, sourceLines: [n + 2] },
  };
}

/** `count` records, one or two copies each, with inventory numbers unique across the file. */
export function sampleRecords(count: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let next = 200_000;
  for (let n = 0; n < count; n++) {
    const copies = n % 7 === 0 ? 2 : 1;
    const inv = Array.from({ length: copies }, () => String(next++));
    out.push(sampleRecord(n, inv));
  }
  return out;
}

/** Writes records as web-rabis.jsonl. */
export function writeJsonl(path: string, records: readonly unknown[]): void {
  writeFileSync(path, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
}

/** The inventory numbers of a record's copies. */
export function invNumbersOf(record: Record<string, unknown>): string[] {
  return (record['inv'] as { invNumber: string }[]).map((inv) => inv.invNumber);
}
