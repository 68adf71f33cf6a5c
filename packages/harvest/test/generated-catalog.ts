import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MarcRecord, controlField, dataField, subfields, writeIso2709 } from '@kitap/marc';

/** Books of a Karaganda city library, as test data. */
const BOOKS = [
  { author: 'Әуезов, М.', title: 'Абай жолы', isbn: '978-601-03-0012-5', place: 'Алматы', publisher: 'Жазушы' },
  { author: 'Есенберлин, І.', title: 'Көшпенділер', isbn: '978-9965-35-178-8', place: 'Алматы', publisher: 'Жазушы' },
  { author: 'Толстой, Л. Н.', title: 'Война и мир', isbn: '5-7667-0045-8', place: 'Москва', publisher: 'Художественная литература' },
  { author: 'Мұқанов, С.', title: 'Ботагөз', isbn: '978-601-292-513-3', place: 'Алматы', publisher: 'Атамұра' },
  { author: 'Достоевский, Ф. М.', title: 'Преступление и наказание', isbn: '978-5-17-090630-7', place: 'Москва', publisher: 'АСТ' },
  { author: 'Майлин, Б.', title: 'Шұғаның белгісі', isbn: '978-601-7436-01-6', place: 'Астана', publisher: 'Фолиант' },
] as const;

const BRANCHES = ['ЦГБ', 'Ф-л №4', '№15 д.', 'Ф-л №11', '№1 юн.'] as const;

/** The 001 of the n-th generated record (0-based). */
export function controlNumberOf(n: number): string {
  return `KRG${String(n).padStart(6, '0')}`;
}

/** The 005 date of the n-th record: days after 2020-01-01, so that from/until select slices. */
export function dateOf(n: number): string {
  return new Date(Date.UTC(2020, 0, 1 + (n % 1000))).toISOString().slice(0, 10);
}

/** Options of a generated catalog. */
export interface CatalogShape {
  records: number;
  /** Every n-th record is deleted (leader/05 `d`); 0 for none. */
  deletedEvery?: number;
  /** Every n-th record is RUSMARC (UNIMARC tags); 0 for none. */
  unimarcEvery?: number;
}

/** Whether the n-th record of a shape is deleted. */
export function isDeleted(shape: CatalogShape, n: number): boolean {
  return (shape.deletedEvery ?? 0) > 0 && n % shape.deletedEvery! === shape.deletedEvery! - 1;
}

/** Whether the n-th record of a shape is RUSMARC. */
export function isUnimarc(shape: CatalogShape, n: number): boolean {
  return (shape.unimarcEvery ?? 0) > 0 && n % shape.unimarcEvery! === 1;
}

/** The n-th record of a generated catalog. */
export function generatedRecord(shape: CatalogShape, n: number): MarcRecord {
  const book = BOOKS[n % BOOKS.length]!;
  const year = String(1960 + (n % 60));
  const status = isDeleted(shape, n) ? 'd' : 'n';
  const stamp = `${dateOf(n).replace(/-/g, '')}093000.0`;
  const branch = BRANCHES[n % BRANCHES.length]!;
  if (isUnimarc(shape, n)) {
    const [surname, initials] = book.author.split(', ');
    return new MarcRecord(`00000${status}am0 2200000   450 `, [
      controlField('001', controlNumberOf(n)),
      controlField('005', stamp),
      dataField('010', ' ', ' ', subfields('a', book.isbn)),
      dataField('100', ' ', ' ', subfields('a', `${dateOf(n).replace(/-/g, '')}d${year}    k  y0kazy50      ca`)),
      dataField('101', '0', ' ', subfields('a', 'kaz')),
      dataField('200', '1', ' ', subfields('a', `${book.title}`, 'e', `том ${1 + (n % 3)}`, 'f', book.author)),
      dataField('210', ' ', ' ', subfields('a', book.place, 'c', book.publisher, 'd', year)),
      dataField('700', ' ', '1', subfields('a', surname!, 'b', initials ?? '')),
      dataField('801', ' ', '0', subfields('a', 'KZ', 'b', 'KrCBS')),
      dataField('899', ' ', ' ', subfields('a', branch, 'p', String(100000 + n))),
    ]);
  }
  return new MarcRecord(`00000${status}am a2200000 i 4500`, [
    controlField('001', controlNumberOf(n)),
    controlField('005', stamp),
    controlField('008', `200101s${year}    kz            000 0 kaz d`),
    dataField('020', ' ', ' ', subfields('a', book.isbn)),
    dataField('100', '1', ' ', subfields('a', book.author)),
    dataField('245', '1', '0', subfields('a', `${book.title} /`, 'c', book.author, 'n', `Кітап ${1 + (n % 3)}`)),
    dataField('260', ' ', ' ', subfields('a', `${book.place} :`, 'b', `${book.publisher},`, 'c', year)),
    dataField('852', ' ', ' ', subfields('a', 'KZ-KrCBS', 'b', branch)),
    dataField('876', ' ', ' ', subfields('a', String(100000 + n), 'c', '1500.00')),
  ]);
}

/** A generated catalog written as UTF-8 ISO2709 to a temporary folder; `remove` deletes it. */
export function writeGeneratedCatalog(shape: CatalogShape): { file: string; dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kitap-harvest-'));
  const file = join(dir, 'catalog.mrc');
  const parts: Uint8Array[] = [];
  for (let n = 0; n < shape.records; n++) parts.push(writeIso2709(generatedRecord(shape, n)));
  writeFileSync(file, Buffer.concat(parts));
  return { file, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
