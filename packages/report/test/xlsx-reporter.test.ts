import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Finding, stableZipTimes } from '@kitap/core';
import Excel from 'exceljs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { FindingTally, XlsxReporter } from '../src/index.js';
import { stableZipFileTimes } from '../src/stable-zip-file.js';

const dir = mkdtempSync(join(tmpdir(), 'kitap-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

const FINDINGS: Finding[] = [
  { ruleId: 'probable-misprint', messageId: 'misprint', severity: 'warning', message: 'Probable misprint "қазақтан"', place: { file: 'c.mrc', index: 5, recordId: 'KZ-6', tag: '650', occurrence: 0, subfield: 'a' }, actual: 'қазақтан', expected: 'қазақстан', fixable: false, label: 'Кітап 6' },
  { ruleId: 'isbn-checksum', messageId: 'checksum', severity: 'error', message: 'Bad ISBN checksum', place: { file: 'c.mrc', index: 7, tag: '020', occurrence: 0, subfield: 'a' }, actual: '9786010000001', fixable: false },
];

/** Writes the findings to a workbook, at the time given (only the clock is faked), and returns its bytes. */
async function workbook(name: string, at: string): Promise<Buffer> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  const path = join(dir, name);
  const reporter = new XlsxReporter(path);
  const tally = new FindingTally();
  for (const f of FINDINGS) {
    tally.add(f);
    await reporter.add(f);
  }
  await reporter.close({
    title: 'kitap lint c.mrc',
    input: { path: 'c.mrc' },
    records: 10,
    rejected: 0,
    findings: tally.total,
    bySeverity: tally.bySeverity,
    fixable: tally.fixable,
    recordsWithFindings: 2,
    rules: tally.rules(),
  });
  vi.useRealTimers();
  return readFileSync(path);
}

describe('XlsxReporter', () => {
  it('writes the same bytes for the same findings, whatever the time', async () => {
    const first = await workbook('a.xlsx', '2025-03-01T10:00:00Z');
    const second = await workbook('b.xlsx', '2026-11-26T14:01:47Z');
    expect(second.equals(first)).toBe(true);
    // Nothing left beside them (the temporary files are renamed into place).
    expect(readdirSync(dir).filter((f) => /^[ab]\.xlsx|^\.[ab]\.xlsx/.test(f)).sort()).toEqual(['a.xlsx', 'b.xlsx']);
  });

  it('fixes the workbook’s dates and the zip’s entry times, as the other workbooks of kitap do', async () => {
    const bytes = await workbook('c.xlsx', '2026-11-26T14:01:47Z');
    // Entry times already at 1980-01-01 00:00: stableZipTimes changes nothing.
    expect(Buffer.from(stableZipTimes(Buffer.from(bytes))).equals(bytes)).toBe(true);
    const book = new Excel.Workbook();
    await book.xlsx.readFile(join(dir, 'c.xlsx'));
    expect(book.created.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(book.modified.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(book.getWorksheet('Findings')!.getRow(2).getCell(1).value).toBeDefined();
    expect(book.getWorksheet('Findings')!.rowCount).toBe(3);
  });
});

describe('stableZipFileTimes', () => {
  it('gives the file the bytes stableZipTimes gives the zip in memory', async () => {
    // A zip with the times of now, as exceljs writes it.
    const book = new Excel.Workbook();
    book.addWorksheet('One').addRow(['кітап', 1]);
    book.addWorksheet('Two').addRow(['қазақстан', 2]);
    const zip = Buffer.from(await book.xlsx.writeBuffer());
    const path = join(dir, 'zip.xlsx');
    writeFileSync(path, zip);
    await stableZipFileTimes(path);
    const want = Buffer.from(stableZipTimes(Buffer.from(zip)));
    expect(want.equals(zip)).toBe(false);
    expect(readFileSync(path).equals(want)).toBe(true);
    copyFileSync(path, join(dir, 'zip2.xlsx'));
    await stableZipFileTimes(join(dir, 'zip2.xlsx'), '2025-03-01');
    expect(readFileSync(join(dir, 'zip2.xlsx')).equals(Buffer.from(stableZipTimes(Buffer.from(zip), '2025-03-01')))).toBe(true);
  });

  it('leaves a file that is not a zip as it is', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('PK'), Buffer.from('not a zip at all, and long enough to be searched for an end record')]) {
      const path = join(dir, 'not.zip');
      writeFileSync(path, bytes);
      await stableZipFileTimes(path);
      expect(readFileSync(path).equals(bytes)).toBe(true);
    }
  });
});
