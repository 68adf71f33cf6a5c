/**
 * XLSX reader on exceljs's streaming WorkbookReader: rows are parsed as the
 * zip is read and handed on one at a time. Shared strings and styles are
 * cached (exceljs needs styles to tell a date from a number); worksheet
 * entries that come before the shared strings are spooled by exceljs to
 * temporary files.
 *
 * One sheet is read: the given one (by name, or by 1-based position in the
 * workbook's tab order), else the first visible sheet. Empty rows are skipped;
 * trailing empty cells are dropped; a merged range has its value in its
 * top-left cell only (as the file stores it).
 */
import type ExcelJS from 'exceljs';
import { cellText } from './xlsx-cell-text.js';
import { inputError, messageOf } from './input-error.js';
import { singlePass } from './single-pass.js';
import { unlessStalled } from './stall-guard.js';
import { zipEndProblem } from './zip-end.js';
import type { OpenTable, TableRow } from './table-types.js';

/** A sheet entry of workbook.xml, as exceljs's model holds it. */
interface SheetModel {
  id?: number;
  name?: string;
  rId?: string;
  state?: string;
}

/** What the streaming reader exposes beyond its typings. */
interface StreamWorkbook {
  model?: { sheets?: SheetModel[] };
  workbookRels?: { Id?: string; Target?: string }[];
  properties?: { model?: { date1904?: boolean } };
  stream?: { destroy?: () => void };
  [Symbol.asyncIterator](): AsyncIterator<StreamWorksheet>;
}

interface StreamWorksheet {
  id?: number | string;
  name?: string;
  state?: string;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

/** Options of the XLSX reader. */
export interface XlsxOptions {
  /** Sheet name, or 1-based position in the tab order. */
  sheet?: string | number;
}

/** "«Акты», «Инвентарная книга»" */
function listSheets(sheets: SheetModel[]): string {
  return sheets.map((s) => `«${s.name ?? '?'}»`).join(', ');
}

/** The worksheet file number a sheet's relationship points at ("worksheets/sheet3.xml" → "3"). */
function sheetFileNumber(book: StreamWorkbook, sheet: SheetModel): string | undefined {
  const rel = book.workbookRels?.find((r) => r.Id === sheet.rId);
  return rel?.Target !== undefined ? /sheet(\d+)\.xml$/i.exec(rel.Target)?.[1] : undefined;
}

/** Chooses the sheet to read from the workbook model; throws E_INPUT when the requested one is not there. */
function chooseSheet(file: string, sheets: SheetModel[], wanted: string | number | undefined): { sheet: SheetModel; position: number; why: string } {
  if (typeof wanted === 'number') {
    const sheet = sheets[wanted - 1];
    if (!Number.isInteger(wanted) || sheet === undefined) {
      throw inputError(file, `the workbook has no sheet number ${wanted}; it has ${sheets.length}: ${listSheets(sheets)}`);
    }
    return { sheet, position: wanted, why: 'given by number' };
  }
  if (typeof wanted === 'string') {
    const fold = (s: string | undefined): string => (s ?? '').trim().toLocaleLowerCase('ru');
    let index = sheets.findIndex((s) => s.name === wanted);
    if (index < 0) index = sheets.findIndex((s) => fold(s.name) === fold(wanted));
    if (index < 0) throw inputError(file, `the workbook has no sheet «${wanted}»; its sheets are ${listSheets(sheets)}`);
    return { sheet: sheets[index] as SheetModel, position: index + 1, why: 'given by name' };
  }
  let index = sheets.findIndex((s) => s.state === undefined || s.state === 'visible');
  const why = index > 0 ? 'the first visible sheet' : 'the first sheet';
  if (index < 0) index = 0;
  return { sheet: sheets[index] as SheetModel, position: index + 1, why };
}

function isEmpty(cells: string[]): boolean {
  return cells.every((c) => c === '');
}

/** Opens an XLSX workbook. `file` names it in messages. The sheet is chosen when the first row is read. */
export async function openXlsx(file: string, path: string, options: XlsxOptions = {}): Promise<OpenTable> {
  let Excel: typeof ExcelJS;
  try {
    ({ default: Excel } = await import('exceljs'));
  } catch (error) {
    throw inputError(file, `cannot load exceljs: ${messageOf(error)}`);
  }
  const notes: string[] = [];

  /**
   * exceljs's streaming reader parses the archive's entries concurrently, and
   * now and then (a few times in a thousand on a busy machine) reaches a
   * worksheet before the workbook part it needs, failing inside exceljs with
   * "Cannot read properties of undefined (reading 'sheets')". The file is
   * fine: before any row has been given out, the read is started again (at
   * most three times); the rows then come out as from any other read.
   */
  async function* rows(): AsyncGenerator<TableRow> {
    await checkZipEnd(file, path);
    const notesAt = notes.length;
    for (let attempt = 1; ; attempt++) {
      let yielded = false;
      try {
        for await (const row of readOnce()) {
          yielded = true;
          yield row;
        }
        return;
      } catch (error) {
        if (yielded || attempt >= 3 || !isExcelRace(error)) throw error;
        notes.length = notesAt; // the next attempt notes the sheet it chooses again
      }
    }
  }

  async function* readOnce(): AsyncGenerator<TableRow> {
    const book = new Excel.stream.xlsx.WorkbookReader(path, {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    }) as unknown as StreamWorkbook;
    let found = false;
    let emitted = 0;
    let where = 'the workbook';
    // exceljs can wait forever on an archive it cannot read to the end: that wait ends in an error naming the file.
    const stalled = (): Error => inputError(file, `cannot read ${where}: the reader stopped before the end of the archive (the file is damaged)`);
    try {
      let target: { sheet: SheetModel; position: number; file: string | undefined } | undefined;
      const sheetsIterator = book[Symbol.asyncIterator]();
      for (;;) {
        const next = await unlessStalled(sheetsIterator.next(), stalled);
        if (next.done) break;
        const worksheet = next.value;
        emitted++;
        const sheets = book.model?.sheets ?? [];
        if (target === undefined && sheets.length > 0) {
          const chosen = chooseSheet(file, sheets, options.sheet);
          target = { ...chosen, file: sheetFileNumber(book, chosen.sheet) };
          const others = sheets.filter((s) => s !== chosen.sheet);
          notes.push(`sheet «${chosen.sheet.name ?? '?'}» (${chosen.why}, ${chosen.position} of ${sheets.length}${others.length > 0 ? `; not read: ${listSheets(others)}` : ''})`);
        }
        let match: boolean;
        if (target !== undefined) {
          match = worksheet.name !== undefined ? worksheet.name === target.sheet.name : String(worksheet.id) === target.file;
        } else {
          // no workbook model: sheets in the order the archive holds them
          const wanted = typeof options.sheet === 'number' ? options.sheet : 1;
          if (typeof options.sheet === 'string') throw inputError(file, 'the workbook lists no sheet names, so a sheet cannot be chosen by name');
          match = emitted === wanted;
          if (match) notes.push(`sheet ${wanted} (the workbook lists no sheet names)`);
        }
        if (!match) continue;
        found = true;
        where = `sheet «${worksheet.name ?? emitted}»`;
        const date1904 = book.properties?.model?.date1904 === true;
        const rowsIterator = worksheet[Symbol.asyncIterator]();
        for (;;) {
          const nextRow = await unlessStalled(rowsIterator.next(), stalled);
          if (nextRow.done) break;
          const row = nextRow.value;
          const cells: string[] = [];
          const count = row.cellCount;
          for (let c = 1; c <= count; c++) {
            const cell = row.findCell(c);
            cells.push(cell === undefined ? '' : cellText(cell.value, cell.numFmt, date1904));
          }
          while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
          if (isEmpty(cells)) continue;
          yield { line: row.number, cells, raw: cells.join('\t') };
        }
        break;
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'KitapError') throw error;
      throw inputError(file, `cannot read ${where}: ${messageOf(error)}`, {}, error);
    } finally {
      book.stream?.destroy?.();
    }
    if (!found) {
      const sheets = book.model?.sheets ?? [];
      throw inputError(file, sheets.length > 0 ? `the sheet was not found in the archive (sheets listed: ${listSheets(sheets)})` : 'the workbook has no worksheets');
    }
  }

  return { format: 'xlsx', rows: singlePass(file, rows()), notes };
}

/** Refuses, with E_INPUT, an archive cut short before exceljs is let at it (it would wait forever; see zip-end.ts). */
async function checkZipEnd(file: string, path: string): Promise<void> {
  let problem: string | undefined;
  try {
    problem = await zipEndProblem(path);
  } catch (error) {
    throw inputError(file, `cannot read the file: ${messageOf(error)}`);
  }
  if (problem !== undefined) throw inputError(file, problem);
}

/** The error exceljs's streaming reader throws when it meets a worksheet before the workbook part (see `rows`). */
function isExcelRace(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof TypeError && /reading 'sheets'/.test(cause.message);
}
