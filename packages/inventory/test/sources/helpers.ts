import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { TableRow } from '../../src/sources/table-types.js';

/** A temporary directory removed after the file's tests. */
export function tempDir(prefix: string): { path(name: string): string; write(name: string, bytes: Uint8Array | string): string } {
  const dir = mkdtempSync(join(tmpdir(), `kitap-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    path: (name) => join(dir, name),
    write: (name, bytes) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    },
  };
}

/** All rows of a table. */
export async function collect(rows: AsyncIterable<TableRow>): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** The bytes as an async stream of chunks of `size` bytes. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

/** Realistic rows of an inventory register: inv. number, author, title, year, price, branch. */
export const REGISTER: readonly (readonly string[])[] = [
  ['Инв. №', 'Автор', 'Заглавие', 'Год', 'Цена', 'Филиал'],
  ['48213', 'Әуезов М.', 'Абай жолы', '1987', '1 200,00', 'Ф-л №4'],
  ['48214', 'Есенберлин І.', 'Көшпенділер', '1990', '850,00', '№15 д.'],
  ['48215', 'Мұқанов С.', 'Ботакөз', '1987', '1 200,00', 'Ф-л №4'],
  ['51890', 'Толстой Л.', 'Война и мир', '2004', '1 750,00', 'ЦБ'],
  ['51891', 'Жансүгіров І.', 'Құлагер', '1985', '500,00', '№15 д.'],
];

/** The same rows with only Russian letters (for cp1251 and cp866, which have no Kazakh letters). */
export const REGISTER_RU: readonly (readonly string[])[] = [
  ['Инв. №', 'Автор', 'Заглавие', 'Год', 'Цена', 'Филиал'],
  ['48213', 'Толстой Л.', 'Война и мир', '1987', '1 200,00', 'Ф-л №4'],
  ['48214', 'Пушкин А.', 'Евгений Онегин', '1990', '850,00', '№15 д.'],
  ['48215', 'Волков А.', 'Волшебник Изумрудного города', '2004', '1 750,00', 'Ф-л №4'],
  ['51890', 'Шолохов М.', 'Тихий Дон', '1975', '980,50', 'ЦБ'],
  ['51891', 'Булгаков М.', 'Мастер и Маргарита', '1989', '1 100,00', '№15 д.'],
];

/** Rows as CSV text (RFC 4180 quoting where needed). */
export function toCsv(rows: readonly (readonly string[])[], delimiter = ';', eol = '\r\n'): string {
  const quote = (cell: string): string => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return rows.map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}
