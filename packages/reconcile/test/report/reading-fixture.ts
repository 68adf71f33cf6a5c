/**
 * Inputs that go wrong in every way the audit reports while reading them, and
 * the audits run on them: flat act rows and paper-form acts (as CSV, laid out
 * like the form) that cannot be read, act files and folders that are not acts,
 * act dates that are missing, impossible or after the holdings, and holdings —
 * MARC, Web-RABIS JSON lines and a copy list — with an unreadable record, line
 * or inventory number. The findings come from the real readers, so a reader
 * whose case (messageId), data or values change is caught by the report tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { MarcRecord, controlField, dataField, subfields, writeIso2709 } from '@kitap/marc';
import { type AuditResult, runAudit } from '../../src/audit/run-audit.js';
import { DEFAULT_SUBJECT_RULES } from '../../src/statistics/subject-rules.js';
import { toCsv } from '../acts/act-fixtures.js';

export const READING_BRANCHES = BranchDirectory.fromJson(KARAGANDA_CBS);
export const READING_AS_OF = '2025-06-30';

const FLAT_HEADER = ['act_number', 'act_date', 'act_type', 'reason', 'from_branch', 'to_branch', 'inventory_number', 'author', 'title', 'year', 'price', 'quantity', 'sum', 'stated_copies', 'stated_sum'];

/** A flat row: the act and the copy, the rest of the columns as given. */
function flat(cells: Partial<Record<(typeof FLAT_HEADER)[number], string>>): string[] {
  const base: Record<string, string> = { act_number: '100', act_date: '10.10.2023', act_type: 'write-off', reason: 'ветхость', from_branch: 'ЦГБ', inventory_number: '48213', author: 'Мұқанов С.', title: 'Ботакөз', year: '1987', price: '1 200,00' };
  return FLAT_HEADER.map((h) => cells[h] ?? base[h] ?? '');
}

/** The flat act table: one row for each way a row goes wrong (the line numbers are the CSV's). */
const FLAT_ROWS: string[][] = [
  FLAT_HEADER,
  flat({ act_number: '', inventory_number: '48299' }), // 2: no act number
  flat({ act_number: '101', act_type: 'продажа' }), // 3: unknown act type
  flat({ act_number: '102', from_branch: 'Библиотека на Луне' }), // 4: unknown library
  flat({ act_number: '103', act_type: 'transfer', reason: '' }), // 5: a transfer with no receiver
  flat({ act_number: '104', reason: '' }), // 6: a write-off with no reason
  flat({ act_number: '105', reason: 'по настроению' }), // 7: unknown reason
  flat({ act_number: '106', year: 'давно' }), // 8: a year that is no year
  flat({ act_number: '107', quantity: '3' }), // 9: three copies on one line
  flat({ act_number: '108', quantity: '1', sum: '1 300,00' }), // 10: sum ≠ price
  flat({ act_number: '109', price: 'дорого' }), // 11: a price that is not money
  flat({ act_number: '110', stated_copies: 'много' }), // 12: stated copies unreadable
  flat({ act_number: '111', stated_sum: '100,00' }), // 13
  flat({ act_number: '111', stated_sum: '200,00', inventory_number: '48214' }), // 14: stated sum differs from line 13
  flat({ act_number: '112', act_date: '' }), // 15: no date
  flat({ act_number: '113', act_date: '31.04.2023' }), // 16: no such date
  flat({ act_number: '114', act_date: '01.01.2026' }), // 17: after the holdings
  flat({ act_number: '116', quantity: '1', sum: 'дорого' }), // 18: a sum that is not money
  flat({ act_number: '117', stated_sum: 'много' }), // 19: stated sum unreadable
];

/** Two rows of one act giving different numbers of copies (the first is kept). */
const STATED_COPIES_ROWS: string[][] = [
  FLAT_HEADER,
  flat({ act_number: '120', stated_copies: '2' }), // 2
  flat({ act_number: '120', stated_copies: '3', inventory_number: '48216' }), // 3: differs from line 2
];

/** A row with a broken quote: the reader gives it as a row that cannot be read. */
const BROKEN_ROW = '118;10.10.2023;"write-off"x;ветхость;ЦГБ;;48215;А;Б;1987;1 200,00;;;;';

/** A paper-form act as CSV: the header rows, the table (one line, and `more` rows as written) and its «Итого» row. */
function form(header: readonly string[], closing = 'Итого:;;;;;1;1 200,00', more: readonly string[] = []): string {
  const table = ['№ п/п;Инв. №;Автор, заглавие;Год;Цена;Кол-во;Сумма', '1;48213;Мұқанов С. Ботакөз;1987;1 200,00;1;1 200,00', ...more, closing];
  return `\uFEFF${[...header, ...table].join('\r\n')}\r\n`;
}

const KIND = 'об исключении документов из библиотечного фонда';
const LIBRARY = 'Центральная городская библиотека';
const REASON = 'перечисленные ниже документы подлежат исключению по причине: ветхость.';

/** Paper-form acts, one file each, each with one fault of its header or «Итого» row. */
const FORMS: Record<string, string> = {
  'form-no-number.csv': form(['АКТ от 10.10.2023', KIND, LIBRARY, REASON]),
  'form-no-kind.csv': form(['АКТ № 201 от 10.10.2023', 'о документах', LIBRARY, REASON]),
  'form-unknown-sender.csv': form(['АКТ № 202 от 10.10.2023', 'приема-передачи документов', 'Передающая сторона: Библиотека на Луне', 'Принимающая сторона: Библиотека-филиал № 4']),
  'form-no-library.csv': form(['АКТ № 203 от 10.10.2023', KIND, REASON]),
  'form-no-receiver.csv': form(['АКТ № 204 от 10.10.2023', 'приема-передачи документов', 'Передающая сторона: Центральная городская библиотека']),
  'form-no-reason.csv': form(['АКТ № 205 от 10.10.2023', KIND, LIBRARY]),
  'form-unknown-reason.csv': form(['АКТ № 206 от 10.10.2023', KIND, LIBRARY, 'подлежат исключению по причине: по настроению.']),
  'form-bad-sum.csv': form(['АКТ № 207 от 10.10.2023', KIND, LIBRARY, REASON, 'Всего исключено 1 экз. на сумму 12.00.00 тенге.']),
  'form-empty-totals.csv': form(['АКТ № 208 от 10.10.2023', KIND, LIBRARY, REASON, 'Итого исключено: по списку']),
  'form-empty-closing.csv': form(['АКТ № 209 от 10.10.2023', KIND, LIBRARY, REASON], 'Итого:;;;;;;'),
  'form-broken-row.csv': form(['АКТ № 210 от 10.10.2023', KIND, LIBRARY, REASON], 'Итого:;;;;;1;1 200,00', ['2;"48216"x;Мұқанов С. Ботакөз;1987;1 200,00;1;1 200,00']),
};

/** A book record with 852/876 copies of the given inventory numbers at the central library. */
function holdingsRecord(id: string, numbers: readonly string[]): MarcRecord {
  return new MarcRecord('00000nam a2200000 i 4500', [
    controlField('001', id),
    dataField('245', '1', '0', subfields('a', 'Ботакөз')),
    dataField('852', ' ', ' ', subfields('8', '1', 'b', 'CGB')),
    ...numbers.map((n, i) => dataField('876', ' ', ' ', subfields('8', `1.${i + 1}`, 'a', n, 'c', '1200.00', 'j', 'available'))),
  ]);
}

/** What the reading audits found, by the holdings they read. */
export interface ReadingAudits {
  /** MARC holdings with a record that cannot be read; every act file and folder above. */
  marc: AuditResult;
  /** Web-RABIS JSON lines: a line that is not JSON and a copy whose number cannot be read. */
  jsonl: AuditResult;
  /** A copy list whose row has an inventory number that cannot be read. */
  list: AuditResult;
}

/** Writes the inputs into `dir` (an empty folder the caller removes) and runs the three audits. */
export async function readingAudits(dir: string): Promise<ReadingAudits> {
  const acts = join(dir, 'acts');
  mkdirSync(acts);
  writeFileSync(join(acts, 'flat.csv'), toCsv(FLAT_ROWS) + `${BROKEN_ROW}\r\n`);
  writeFileSync(join(acts, 'stated-copies.csv'), toCsv(STATED_COPIES_ROWS));
  for (const [name, text] of Object.entries(FORMS)) writeFileSync(join(acts, name), text);
  // A workbook cut short: the zip archive has no central directory.
  writeFileSync(join(acts, 'cut-short.xlsx'), Buffer.from('PK\u0003\u0004cut short while it was copied', 'latin1'));
  writeFileSync(join(acts, 'letter.csv'), '\uFEFFПисьмо директору\r\nПрошу принять меры\r\n');
  writeFileSync(join(acts, 'list-without-act.csv'), '\uFEFFИнв. №;Заглавие\r\n48213;Ботакөз\r\n');
  const empty = join(dir, 'empty-folder');
  mkdirSync(empty);
  const missing = join(dir, 'no-such-act.csv');

  const marc = join(dir, 'holdings.mrc');
  // The second record does not end where its length says: the reader rejects its bytes (E_TRUNCATED).
  const broken = Buffer.from(writeIso2709(holdingsRecord('000700002', ['48230'])));
  broken[broken.length - 1] = 0x41;
  writeFileSync(marc, Buffer.concat([writeIso2709(holdingsRecord('000700001', ['48213', '??'])), broken, writeIso2709(holdingsRecord('000700003', ['48240']))]));
  const jsonl = join(dir, 'web-rabis.jsonl');
  writeFileSync(jsonl, `${JSON.stringify({ id: 7, title: 'Ботакөз', inv: [{ invNumber: '??', department: { code: 'CGB' }, state: { code: '1' } }] })}\n{"id": 8, "title": \n`);
  const list = join(dir, 'copies.csv');
  writeFileSync(list, '\uFEFFИнв. №;Филиал;Статус\r\n48213;ЦГБ;в фонде\r\n??;ЦГБ;в фонде\r\n');

  const common = { asOf: READING_AS_OF, branches: READING_BRANCHES, inventoryNumbers: { branchPrefixes: 'strip' } as const, rules: DEFAULT_SUBJECT_RULES };
  return {
    marc: await runAudit({ ...common, holdings: marc, acts: [acts, empty, missing] }),
    jsonl: await runAudit({ ...common, holdings: jsonl, acts: [] }),
    list: await runAudit({ ...common, holdings: list, acts: [] }),
  };
}
