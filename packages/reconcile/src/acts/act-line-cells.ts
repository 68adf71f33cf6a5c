/**
 * The copy part of an act line, the same in both act shapes: inventory
 * number (with its normalised key), author and title (or the combined
 * «Автор, заглавие»), year, and price — from «Цена», or from «Сумма» when the
 * price is missing; «Кол-во» must be 1 (an act lists each copy on its own
 * line) and «Сумма» must equal the price.
 */
import type { Finding } from '@kitap/core';
import { formatMoney, parseInventoryNumber, type BranchDirectory, type InventoryNumberOptions } from '@kitap/holdings';
import type { ActLine } from './act.js';
import { parseActMoney, parseCopyCount, parseYear } from './act-cell-values.js';
import { cellOf, type ActColumns } from './act-columns.js';
import { actFinding } from './act-finding.js';
import { splitAuthorTitle } from './author-title.js';

/** What reading a line's copy cells needs. */
export interface LineCellContext {
  file: string;
  branches: BranchDirectory;
  inventoryNumbers: InventoryNumberOptions;
}

/** The copy fields of an act line. */
export type LineCopyFields = Pick<ActLine, 'inventoryNumber' | 'inventoryKey' | 'author' | 'title' | 'year' | 'price'>;

/**
 * Reads the copy cells of one row; problems are pushed to `problems` (the
 * line is kept, the unreadable field left out). `label` names the act in
 * messages («act № 17 of 10.10.2023»).
 */
export function readLineCells(cells: readonly string[], line: number, columns: ActColumns, context: LineCellContext, label: string, problems: Finding[]): LineCopyFields {
  const place = { file: context.file, line };
  const fields: LineCopyFields = { inventoryNumber: cellOf(cells, columns, 'inventoryNumber') };
  const parsed = parseInventoryNumber(fields.inventoryNumber, context.inventoryNumbers, context.branches);
  if (parsed.ok) fields.inventoryKey = parsed.value.key;

  const combined = splitAuthorTitle(cellOf(cells, columns, 'authorTitle'));
  const author = cellOf(cells, columns, 'author') || combined.author;
  const title = cellOf(cells, columns, 'title') || combined.title;
  if (author) fields.author = author;
  if (title) fields.title = title;

  const yearText = cellOf(cells, columns, 'year');
  if (yearText !== '') {
    const year = parseYear(yearText);
    if (year !== undefined) fields.year = year;
    else problems.push(actFinding('ACT_LINE_INVALID', 'warning', `${label}: the year «${yearText}» is not a year; the line is kept without it`, place, { case: 'year-not-year', actual: yearText, expected: 'a year such as 1987' }));
  }

  const price = moneyCell(cells, columns, 'price', place, label, problems);
  const sum = moneyCell(cells, columns, 'sum', place, label, problems);

  const quantityText = cellOf(cells, columns, 'quantity');
  const quantity = quantityText === '' ? 1 : parseCopyCount(quantityText);
  if (quantity !== 1) {
    problems.push(actFinding('ACT_LINE_INVALID', 'error', `${label}: the line counts «${quantityText}» copies; an act lists each copy on its own line with its own inventory number`, place, { case: 'copies-not-one', actual: quantityText, expected: '1' }));
  }
  if (price !== undefined) {
    fields.price = price;
    if (sum !== undefined && quantity !== undefined && sum !== price * quantity) {
      problems.push(actFinding('ACT_LINE_INVALID', 'warning', `${label}: the line's sum ${formatMoney(sum)} is not its price ${formatMoney(price)} × ${quantity} = ${formatMoney(price * quantity)}`, place, { case: 'sum-not-price', actual: formatMoney(sum), expected: formatMoney(price * quantity) }));
    }
  } else if (sum !== undefined && quantity === 1) {
    fields.price = sum;
  }
  return fields;
}

/** The amount in a price or sum cell, in tiyn; undefined (and a problem) when it is not money. */
function moneyCell(cells: readonly string[], columns: ActColumns, id: 'price' | 'sum', place: { file: string; line: number }, label: string, problems: Finding[]): number | undefined {
  const text = cellOf(cells, columns, id);
  if (text === '') return undefined;
  const read = parseActMoney(text);
  if (read.ok) return read.tiyn;
  problems.push(actFinding('ACT_LINE_INVALID', 'error', `${label}: the ${id} «${text}» is not an amount of money (${read.reason}); the line is kept without it`, place, { case: id === 'price' ? 'price-not-money' : 'sum-not-money', data: { detail: read.reason }, actual: text, expected: 'an amount such as 1 200,00' }));
  return undefined;
}
