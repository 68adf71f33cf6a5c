import { type Field, Leader, MarcRecord, controlField, dataField, subfields } from '@kitap/marc';

/**
 * The catalog of the tests of a merge too long for ISO2709 (merge-too-long.test.ts, and
 * migrate-unmerged.test.ts for `kitap migrate`, which runs the merge).
 */

/** A MARC21 book of a Kazakh library (KZ-KrCBS) with the given copy fields. */
export function book(id: string, title: string, author: string, year: number, copies: Field[], extra: Field[] = []): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', id),
    controlField('003', 'KZ-KrCBS'),
    controlField('008', `100415s${year}    kz            000 1 kaz d`),
    dataField('020', ' ', ' ', subfields('a', '978-601-03-1328-6')),
    dataField('100', '1', ' ', subfields('a', author)),
    dataField('245', '1', '0', subfields('a', `${title} :`, 'b', 'оқулық /', 'c', `${author}.`)),
    dataField('260', ' ', ' ', subfields('a', 'Алматы :', 'b', 'Мектеп,', 'c', `${year}.`)),
    dataField('300', ' ', ' ', subfields('a', '416 б. ;', 'c', '24 см')),
    ...extra,
    ...copies,
  ]);
}

/** Copies in 949, one field each, as a branch's accession book lists them. */
export function copies949(from: number, count: number): Field[] {
  return Array.from({ length: count }, (_, k) => dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'Абонемент', 'i', String(from + k).padStart(7, '0'), 'c', '1500.00')));
}

/** Copies in 852/876 pairs, linked by $8. */
export function copies852(from: number, count: number): Field[] {
  return Array.from({ length: count }, (_, k) => [
    dataField('852', ' ', ' ', subfields('8', String(k + 1), 'a', 'KZ-KrCBS', 'b', 'Читальный зал №2')),
    dataField('876', ' ', ' ', subfields('8', String(k + 1), 'p', String(from + k).padStart(7, '0'), 'c', '2300.00')),
  ]).flat();
}

/**
 * Six records: records 1 and 3 an ordinary duplicate pair; records 2, 5 and 6
 * one edition of a school textbook held by every branch — each record under
 * 99,999 bytes, too long once their copies are on one record (`big` false:
 * few enough copies that the merged record fits).
 */
export function longMergeCatalog(big = true): MarcRecord[] {
  const k = big ? 1 : 10;
  return [
    book('KZ-100', 'Абай жолы', 'Әуезов, Мұхтар', 2019, copies949(1001, 2)),
    book('KZ-200', 'Қазақстан тарихы', 'Қозыбаев, Манаш', 2020, copies949(200001, 900 / k)),
    book('KZ-101', 'Абай жолы', 'Әуезов, Мұхтар', 2019, copies949(1003, 1)),
    book('KZ-300', 'Война и мир', 'Толстой, Лев Николаевич', 2018, copies949(3001, 1)),
    book('KZ-201', 'Қазақстан тарихы', 'Қозыбаев, Манаш', 2020, copies852(300001, 560 / k), [dataField('650', ' ', '7', subfields('a', 'История Казахстана'))]),
    book('KZ-202', 'Қазақстан тарихы', 'Қозыбаев, Манаш', 2020, copies949(400001, 3)),
  ];
}

/** The records of an ISO2709 file as byte slices, by the lengths in their leaders. */
export function slices(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = Number(bytes.subarray(at, at + 5).toString('latin1'));
    out.push(bytes.subarray(at, at + length));
    at += length;
  }
  return out;
}
