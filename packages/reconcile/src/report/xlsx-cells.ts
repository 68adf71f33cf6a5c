import { isIsoDate } from '@kitap/holdings';
import type ExcelJS from 'exceljs';
import { sheetText } from './sheet-text.js';

/**
 * What a report cell holds: text; a whole number (a line number); a count of
 * copies; money in tiyn, shown in tenge; a date (ISO, shown as 10.10.2023;
 * other text is kept as text).
 */
export type CellKind = 'text' | 'int' | 'copies' | 'money' | 'date';

/** A value for `putCell`: text or a number; undefined leaves the cell empty. */
export type CellValue = string | number | undefined;

/** The number format of tenge: thousands grouped, two decimals (the reader's locale gives «989 722,94»). */
export const MONEY_FORMAT = '#,##0.00';
/** The number format of copies: thousands grouped. */
export const COPIES_FORMAT = '#,##0';
/** The date format of act dates. */
export const DATE_FORMAT = 'dd.mm.yyyy';

/**
 * Puts a value into a cell by kind. Text is always set as a plain JS string,
 * which exceljs stores as a shared-string cell (`t="s"`, with the workbook's shared strings on) — never
 * as a formula, whatever it starts with — after `sheetText` has made it safe
 * for XML. Money: tiyn / 100, exact to the tiyn for any sum below 2^53 tiyn
 * once rounded to two decimals, which the format does.
 */
export function putCell(cell: ExcelJS.Cell, kind: CellKind, value: CellValue): void {
  if (value === undefined || value === '') return;
  if (kind === 'text' || typeof value === 'string') {
    if (kind === 'date' && typeof value === 'string' && isIsoDate(value)) {
      cell.value = new Date(`${value}T00:00:00Z`);
      cell.numFmt = DATE_FORMAT;
      return;
    }
    cell.value = sheetText(String(value));
    return;
  }
  switch (kind) {
    case 'money':
      cell.value = value / 100;
      cell.numFmt = MONEY_FORMAT;
      return;
    case 'copies':
      cell.value = value;
      cell.numFmt = COPIES_FORMAT;
      return;
    default:
      cell.value = value;
  }
}
