import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type Finding, KitapError } from '@kitap/core';
import type ExcelJS from 'exceljs';
import { FINDING_COLUMNS, findingRow } from './finding-row.js';
import type { FindingReporter } from './reporter.js';
import { stableZipFileTimes } from './stable-zip-file.js';
import type { FindingSummary } from './summary.js';

/**
 * A workbook for cataloguers: a "Findings" sheet with one row per finding
 * (filters on, header frozen) and a "Summary" sheet. Written with exceljs's
 * streaming writer (rows are committed as they come) to a temporary file that
 * is renamed into place at the end. exceljs is loaded only when a workbook is
 * written: it takes half a second to load, which every other command would pay.
 * The same findings give the same bytes: the workbook's created and modified
 * dates are fixed, and so are the times of the zip's entries (as for the
 * other workbooks of kitap: the review list of dedup, the audit of reconcile).
 */
export class XlsxReporter implements FindingReporter {
  readonly #temp: string;
  #workbook: Promise<{ book: ExcelJS.stream.xlsx.WorkbookWriter; sheet: ExcelJS.Worksheet }> | undefined;

  constructor(private readonly path: string) {
    this.#temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  }

  #open(): Promise<{ book: ExcelJS.stream.xlsx.WorkbookWriter; sheet: ExcelJS.Worksheet }> {
    this.#workbook ??= import('exceljs').then(({ default: Excel }) => {
      const book = new Excel.stream.xlsx.WorkbookWriter({ filename: this.#temp, useStyles: true, useSharedStrings: false });
      // Fixed dates (and zip times, in close) so that the same findings are the same bytes.
      book.created = new Date(0);
      book.modified = new Date(0);
      const sheet = book.addWorksheet('Findings', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = FINDING_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
      sheet.getRow(1).font = { bold: true };
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FINDING_COLUMNS.length } };
      return { book, sheet };
    });
    return this.#workbook;
  }

  async add(finding: Finding): Promise<void> {
    const { sheet } = await this.#open();
    sheet.addRow(findingRow(finding)).commit();
  }

  async close(s: FindingSummary): Promise<void> {
    const { book, sheet } = await this.#open();
    sheet.commit();
    const summary = book.addWorksheet('Summary');
    summary.columns = [
      { header: 'Правило / rule', key: 'rule', width: 28 },
      { header: 'Важность / severity', key: 'severity', width: 12 },
      { header: 'Найдено / count', key: 'count', width: 12 },
      { header: 'Исправимо / fixable', key: 'fixable', width: 12 },
      { header: 'Описание / description', key: 'description', width: 80 },
    ];
    summary.getRow(1).font = { bold: true };
    for (const r of s.rules) summary.addRow({ rule: r.ruleId, severity: r.severity, count: r.count, fixable: r.fixable, description: r.description ?? '' }).commit();
    summary.addRow({}).commit();
    summary.addRow({ rule: 'Записей / records', count: s.records }).commit();
    summary.addRow({ rule: 'Не прочитано / rejected', count: s.rejected }).commit();
    summary.addRow({ rule: 'Замечаний / findings', count: s.findings, fixable: s.fixable }).commit();
    summary.commit();
    try {
      await book.commit();
      await stableZipFileTimes(this.#temp);
      // On disk before it replaces the file, as every other output (core's AtomicFile).
      const handle = await open(this.#temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(this.#temp, this.path);
    } catch (error) {
      await rm(this.#temp, { force: true });
      throw new KitapError('E_OUTPUT', `cannot write the workbook: ${(error as Error).message}`, { file: this.path });
    }
  }

  async abort(): Promise<void> {
    if (!this.#workbook) return;
    try {
      await (await this.#workbook).book.commit();
    } catch {
      // the file is removed below whatever state it is in
    }
    await rm(this.#temp, { force: true });
  }
}
