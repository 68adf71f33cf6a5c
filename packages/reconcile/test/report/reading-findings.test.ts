import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Excel from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Act } from '../../src/acts/act.js';
import { checkActs } from '../../src/acts/check-acts.js';
import { findingsJson } from '../../src/audit/audit-json.js';
import type { AuditFinding, AuditResult } from '../../src/audit/run-audit.js';
import { auditHtml } from '../../src/report/audit-html.js';
import { writeAuditXlsx } from '../../src/report/audit-xlsx.js';
import { READER_CASES, isReaderCase } from '../../src/reader-cases.js';
import { findingRows } from '../../src/report/finding-rows.js';
import { READING_AS_OF, READING_BRANCHES, readingAudits } from './reading-fixture.js';
import { expectRussianText, expectRussianValue, pageFindings } from './russian-text.js';

/** A finding of the findings sheet as the auditor sees it, beside the finding it was written from. */
interface SheetFinding {
  finding: AuditFinding;
  code: string;
  line: unknown;
  actual: string;
  expected: string;
  message: string;
}

/** The codes of reading the inputs: act files, act rows and headers, act dates, and the holdings. */
const READING_CODES = ['ACT_FILE_UNREADABLE', 'ACT_SHAPE_UNKNOWN', 'ACT_LINE_INVALID', 'ACT_HEADER_INVALID', 'ACT_DATE_INVALID', 'ACT_AFTER_HOLDINGS', 'HOLDINGS_COPY_INVALID', 'E_JSON', 'E_TRUNCATED'] as const;

let dir: string;
let results: AuditResult[];
let sheet: SheetFinding[];
let page: ReturnType<typeof pageFindings>;
let pageFound: AuditFinding[];

/** Writes the workbook of `result` and reads its findings sheet back, row by row beside the findings. */
async function sheetFindings(result: AuditResult, name: string): Promise<SheetFinding[]> {
  const path = join(dir, name);
  await writeAuditXlsx(result, path, { holdings: 'holdings', acts: ['acts'], asOf: READING_AS_OF, generated: 'kitap', branches: READING_BRANCHES });
  const book = new Excel.Workbook();
  await book.xlsx.readFile(path);
  const s = book.getWorksheet('Замечания')!;
  const text = (row: number, column: number): string => String(s.getRow(row).getCell(column).value ?? '');
  expect(s.actualRowCount).toBe(1 + result.findings.length);
  return result.findings.map((finding, i) => ({ finding, code: text(i + 2, 1), line: s.getRow(i + 2).getCell(7).value, actual: text(i + 2, 10), expected: text(i + 2, 11), message: text(i + 2, 12) }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kitap-reading-report-'));
  const audits = await readingAudits(await mkdtemp(join(dir, 'inputs-')));
  results = [audits.marc, audits.jsonl, audits.list];
  sheet = [...(await sheetFindings(audits.marc, 'marc.xlsx')), ...(await sheetFindings(audits.jsonl, 'jsonl.xlsx')), ...(await sheetFindings(audits.list, 'list.xlsx'))];
  page = results.flatMap((r) => pageFindings(auditHtml(r, { holdings: 'holdings', acts: ['acts'], asOf: READING_AS_OF, generated: 'kitap', branches: READING_BRANCHES })));
  pageFound = results.flatMap((r) => r.findings);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The sheet's rows of one code, in file and line order. */
function rowsOf(code: string): SheetFinding[] {
  return sheet.filter((r) => r.code === code);
}

describe('the findings of reading the inputs, in the workbook and on the page', () => {
  it.each(READING_CODES)('%s: each row of the workbook says what is wrong in Russian, its values too', (code) => {
    const rows = rowsOf(code);
    expect(rows.length, `the inputs give no ${code}`).toBeGreaterThan(0);
    for (const row of rows) {
      expectRussianText(row.message, row.finding.message);
      expectRussianValue(row.actual, `${code} actual of «${row.message}»`);
      expectRussianValue(row.expected, `${code} expected of «${row.message}»`);
    }
  });

  it.each(READING_CODES)('%s: each finding on the page says it in Russian, its values too', (code) => {
    expect(page).toHaveLength(pageFound.length);
    const shown = page.map((p, i) => ({ ...p, finding: pageFound[i]! })).filter((p) => p.code === code);
    expect(shown.length).toBeGreaterThan(0);
    for (const p of shown) {
      expectRussianText(p.message, p.finding.message);
      expectRussianValue(p.values, `${code} values of «${p.message}»`);
    }
  });

  it('words each way an act row goes wrong on its own, from the cell as written', () => {
    const flat = rowsOf('ACT_LINE_INVALID').filter((r) => r.finding.place.file!.endsWith('flat.csv'));
    const at = (line: number): SheetFinding => flat.find((r) => r.line === line)!;
    expect(at(2).message).toBe('В строке нет номера акта, строка не прочитана (инв. № «48299»).');
    expect([at(2).actual, at(2).expected]).toEqual(['', 'номер акта']);
    expect(at(3).message).toBe('Вид акта «продажа» — не списание и не передача; строка не прочитана.');
    expect(at(3).expected).toBe('списание или передача');
    expect(at(4).message).toBe('Библиотеки «Библиотека на Луне» нет в справочнике филиалов.');
    expect(at(5).message).toBe('В строке акта передачи не указано, какой библиотеке или организации передан экземпляр.');
    expect(at(6).message).toBe('В строке акта списания не указана причина выбытия.');
    expect(at(6).expected).toBe('ветхость, устарелость, передача, недостача, утеряно читателями, стихийное бедствие или прочие');
    expect(at(7).message).toBe('Причина выбытия «по настроению» не распознана.');
    expect([at(8).message, at(8).expected]).toEqual(['Год издания «давно» не читается; строка принята без года.', 'год, например 1987']);
    expect(at(9).message).toMatch(/^В строке указано «3» экз\.: в акте каждый экземпляр записывается отдельной строкой/u);
    expect(at(10).message).toBe('Сумма строки 1 300,00 тг не равна цене, умноженной на количество (1 200,00 тг).');
    // The money parser's own words on why «дорого» is no amount stay, in brackets after the Russian.
    expect(at(11).message).toBe('Цена «дорого» не читается как денежная сумма; строка принята без неё. (not an amount: "дорого")');
    expect(at(11).expected).toBe('сумма, например 1 200,00');
    expect(at(12).message).toBe('Количество экземпляров по акту «много» не читается.');
    expect(at(14).message).toBe('Сумма по акту в этой строке (200,00 тг) не совпадает с указанным в строке 13 (100,00 тг); взято первое.');
    expect(at(18).message).toMatch(/^Сумма «дорого» не читается как денежная сумма/u);
    expect(at(19).message).toBe('Сумма по акту «много» не читается.');
    expect(at(20).message).toMatch(/^Строку таблицы не удалось прочитать, она не вошла в сверку\. \(CSV quoting error at line 20: /u);
    const [differs] = rowsOf('ACT_LINE_INVALID').filter((r) => r.finding.place.file!.endsWith('stated-copies.csv'));
    expect([differs!.line, differs!.message, differs!.actual, differs!.expected]).toEqual([3, 'Количество экземпляров по акту в этой строке (3 экз.) не совпадает с указанным в строке 2 (2 экз.); взято первое.', '3', '2']);
  });

  it('words each fault of a paper-form act, its header or its «Итого» row', () => {
    const of = (file: string): SheetFinding[] => sheet.filter((r) => (r.code === 'ACT_HEADER_INVALID' || r.code === 'ACT_LINE_INVALID') && r.finding.place.file!.endsWith(file));
    const only = (file: string): string => {
      const rows = of(file);
      expect(rows, file).toHaveLength(1);
      return rows[0]!.message;
    };
    expect(only('form-no-number.csv')).toBe('В заголовке акта «АКТ от 10.10.2023» нет номера акта.');
    expect(only('form-no-kind.csv')).toBe('Из шапки акта не понять, списание это («об исключении…») или передача («приема-передачи»); акт прочитан как акт списания.');
    expect(of('form-no-kind.csv')[0]!.expected).toBe('«об исключении документов из библиотечного фонда» или «приема-передачи»');
    expect(only('form-unknown-sender.csv')).toBe('Библиотеки «Библиотека на Луне» нет в справочнике филиалов.');
    expect(only('form-no-library.csv')).toBe('Ни одна строка шапки акта не называет библиотеку из справочника филиалов.');
    expect(of('form-no-library.csv')[0]!.expected).toBe('строка вроде «Библиотека-филиал № 15 д.»');
    expect(only('form-no-receiver.csv')).toBe('В акте передачи не указана принимающая сторона («Принимающая сторона: …»).');
    expect(only('form-no-reason.csv')).toBe('В шапке акта списания не указана причина («по причине: …»).');
    expect(only('form-unknown-reason.csv')).toBe('Причина «по настроению» не распознана.');
    expect(only('form-bad-sum.csv')).toMatch(/^Сумма в строке итогов «12\.00\.00» не читается\. \(.+\)$/u);
    expect(only('form-empty-totals.csv')).toBe('Строка итогов «Итого исключено: по списку» не даёт ни количества экземпляров, ни суммы.');
    expect(only('form-empty-closing.csv')).toBe('Строка итогов «Итого:» не даёт ни количества экземпляров, ни суммы.');
    expect(only('form-broken-row.csv')).toMatch(/^Строку таблицы не удалось прочитать, она не вошла в сверку\. \(CSV quoting error/u);
  });

  it('names the act file or folder that cannot be read, and why, the system\'s words in brackets', () => {
    const texts = rowsOf('ACT_FILE_UNREADABLE').map((r) => r.message);
    expect(texts).toContain('В папке «empty-folder» нет файлов актов (.csv или .xlsx).');
    expect(texts.find((t) => t.startsWith('Файл или папка актов «no-such-act.csv» не открывается. (ENOENT'))).toBeDefined();
    expect(texts.find((t) => t.startsWith('Файл акта «cut-short.xlsx» не читается как таблица. (the zip archive is incomplete'))).toBeDefined();
    const shapes = rowsOf('ACT_SHAPE_UNKNOWN').map((r) => r.message);
    expect(shapes).toContain('Строка 1 — шапка таблицы с инвентарными номерами, но в файле нет столбца «№ акта» (act_number) и над таблицей нет заголовка «АКТ № … от …»; файл не прочитан как акт.');
    expect(shapes.filter((t) => t.startsWith('В первых 60 строках файла нет таблицы акта'))).toHaveLength(1);
  });

  it('gives act dates as DD.MM.YYYY: missing, no calendar date, after the holdings, in the future', () => {
    const dates = rowsOf('ACT_DATE_INVALID');
    expect(dates.map((r) => [r.message, r.actual, r.expected])).toEqual([
      ['В акте не указана дата.', 'нет даты', 'дата, например 10.10.2023'],
      ['Дата акта «31.04.2023» — не настоящая календарная дата.', '31.04.2023', 'дата, например 10.10.2023'],
    ]);
    const after = rowsOf('ACT_AFTER_HOLDINGS');
    expect(after.map((r) => [r.actual, r.expected])).toEqual([['01.01.2026', 'не позже 30.06.2025']]);
    // `kitap acts check` without holdings: an act dated after today is in the future.
    const act: Act = { file: 'acts/akt-5.csv', source: 'flat', number: '5', date: '2030-01-01', type: 'write-off', lines: [] };
    const [future] = findingRows({ acts: [act], findings: checkActs([act], { asOf: READING_AS_OF }) });
    expect([future!.message, future!.actual, future!.expected]).toEqual(['Акт датирован 01.01.2030, позже 30.06.2025: дата в будущем.', '01.01.2030', 'не позже 30.06.2025']);
  });

  it('says which holdings record or copy could not be read; the reader\'s words only in brackets', () => {
    const copies = rowsOf('HOLDINGS_COPY_INVALID').map((r) => r.message);
    expect(copies).toEqual([
      'Инвентарный номер экземпляра «??» (запись 000700001) не читается; экземпляр нельзя сопоставить со строками актов.',
      'Инвентарный номер экземпляра «??» (запись 7) не читается; экземпляр нельзя сопоставить со строками актов.',
      'Инвентарный номер экземпляра «??» не читается; экземпляр нельзя сопоставить со строками актов.',
    ]);
    const [record] = rowsOf('E_TRUNCATED');
    expect(record!.message).toMatch(/^Запись фонда № 2 \(с байта \d+\) не прочитана: запись оборвана; её экземпляры не вошли в сверку\. \(\d+ byte\(s\) that start no whole record/u);
    expect(rowsOf('E_JSON')[0]!.message).toBe('Строка 2 выгрузки фонда не читается (это не JSON); её экземпляры не вошли в сверку. (Unexpected end of JSON input)');
  });

  it('gives every finding of reading its case, and the inputs make every case', () => {
    const reading = pageFound.filter((f) => (READING_CODES as readonly string[]).includes(f.ruleId) && f.ruleId !== 'ACT_AFTER_HOLDINGS');
    for (const f of reading) expect(isReaderCase(f.messageId), `${f.ruleId} without a case: ${f.message}`).toBe(true);
    // An act in the future comes from `kitap acts check` (the audit dates it after the holdings instead).
    const act: Act = { file: 'acts/akt-5.csv', source: 'flat', number: '5', date: '2030-01-01', type: 'write-off', lines: [] };
    const made = new Set([...reading, ...checkActs([act], { asOf: READING_AS_OF })].map((f) => f.messageId));
    // A folder that cannot be listed is hard to make in a test: its wording is checked in reader-cases.test.ts.
    expect(READER_CASES.filter((c) => !made.has(c))).toEqual(['act-folder-unreadable']);
  });

  it('words a finding of reading by its case and data, never by its English message', () => {
    for (const result of results) {
      const reading = result.findings.filter((f) => isReaderCase(f.messageId));
      const reworded = reading.map((f) => ({ ...f, message: 'an English message reworded since' }));
      const shown = (findings: AuditFinding[]): unknown[] => findingRows({ acts: result.acts, findings }, READING_BRANCHES).map((r) => [r.message, r.actual, r.expected]);
      expect(shown(reworded)).toEqual(shown(reading));
    }
  });

  it('keeps findings.json in English for scripts', () => {
    const json = results.flatMap((r) => findingsJson(r).findings);
    const after = json.find((f) => f.code === 'ACT_AFTER_HOLDINGS')!;
    expect([after.actual, after.expected]).toEqual(['2026-01-01', 'on or before 2025-06-30']);
    expect(after.message).toMatch(/^act № 114 of 01\.01\.2026: the act is dated after the holdings/u);
    const noNumber = json.find((f) => f.code === 'ACT_LINE_INVALID' && f.line === 2)!;
    expect([noNumber.message, noNumber.expected]).toEqual(['the row has no act number; it is not read (inventory number «48299»)', 'an act number']);
  });
});
