/**
 * What the findings of reading the inputs say, in Russian: act files and
 * folders (ACT_FILE_UNREADABLE, ACT_SHAPE_UNKNOWN), act rows and form headers
 * (ACT_LINE_INVALID, ACT_HEADER_INVALID), act dates (ACT_DATE_INVALID) and
 * the holdings (HOLDINGS_COPY_INVALID, E_JSON and the codes of MARC records
 * that cannot be read). Each such finding names its case where it is made
 * (`messageId`, one of READER_CASES in reader-cases.ts); the text is chosen
 * by that case alone and made from the finding's values and data: the file,
 * the line, the cell as written. The English message is never read, so it may
 * change freely. What only a parser or the system can say (its `detail`)
 * follows the Russian sentence in brackets, so no finding reads in English
 * alone. A finding without a case (a code the readers do not make) gets no
 * text here.
 */
import { dottedDate, isIsoDate } from '@kitap/holdings';
import { HEADER_SEARCH_ROWS } from '../acts/read-acts.js';
import type { AuditFinding } from '../audit/run-audit.js';
import { isReaderCase, type ReaderCase } from '../reader-cases.js';
import { RECORD_PROBLEMS } from './check-names.js';

/** How the report words one case: its text, and the Russian of the fixed «expected» value its findings carry (when they carry one that is not already Russian or a figure). */
export interface ReadingWords {
  text: (f: AuditFinding) => string | undefined;
  expected?: string;
}

/** The file name without its folders. */
function fileName(path: string | undefined): string {
  return (path ?? '').replace(/^.*[\\/]/u, '');
}

/** A Russian sentence with the English detail after it, in brackets. */
function withDetail(sentence: string, detail: string | undefined): string {
  return detail === undefined || detail === '' ? sentence : `${sentence} (${detail})`;
}

const actual = (f: AuditFinding): string => f.actual ?? '';
const detail = (f: AuditFinding): string | undefined => f.data?.detail;

const FLAT_REASONS = 'ветхость, устарелость, передача, недостача, утеряно читателями, стихийное бедствие или прочие';
const A_SUM = 'сумма, например 1 200,00';
const A_DATE = 'дата, например 10.10.2023';

const unknownLibrary = (f: AuditFinding): string => `Библиотеки «${actual(f)}» нет в справочнике филиалов.`;
const pathUnreadable = (f: AuditFinding): string => withDetail(`Файл или папка актов «${fileName(f.place.file)}» не открывается.`, detail(f));
const emptyTotals = (f: AuditFinding): string => `Строка итогов «${actual(f)}» не даёт ни количества экземпляров, ни суммы.`;
const notMoney = (column: string) => (f: AuditFinding): string => withDetail(`${column} «${actual(f)}» не читается как денежная сумма; строка принята без неё.`, detail(f));
const statedDiffers = (what: string, unit: string) => (f: AuditFinding): string =>
  `${what} в этой строке (${actual(f)} ${unit}) не совпадает с указанным в строке ${f.related?.line ?? '?'} (${f.expected ?? ''} ${unit}); взято первое.`;

/** The record a holdings copy belongs to: its number (001 or Web-RABIS id), else its place in the file. */
function recordAt(f: AuditFinding): string {
  const id = f.place.recordId ?? f.data?.record;
  if (id !== undefined) return ` (запись ${id})`;
  return f.place.index !== undefined ? ` (запись № ${f.place.index + 1} файла)` : '';
}

/** Every case of reading, worded. A case of READER_CASES without its entry does not compile (and the report tests fail). */
export const READING_WORDS: Readonly<Record<ReaderCase, ReadingWords>> = Object.freeze({
  // Act files and folders.
  'act-path-unreadable': { text: pathUnreadable },
  'act-folder-unreadable': { text: pathUnreadable },
  'act-folder-empty': { text: (f) => `В папке «${fileName(f.place.file)}» нет файлов актов (.csv или .xlsx).` },
  'act-file-not-table': { text: (f) => withDetail(`Файл акта «${fileName(f.place.file)}» не читается как таблица.`, detail(f)) },
  'act-table-without-act': {
    text: (f) => `Строка ${f.data?.tableLine ?? '?'} — шапка таблицы с инвентарными номерами, но в файле нет столбца «№ акта» (act_number) и над таблицей нет заголовка «АКТ № … от …»; файл не прочитан как акт.`,
  },
  'act-table-not-found': {
    text: () => `В первых ${HEADER_SEARCH_ROWS} строках файла нет таблицы акта: нужна таблица со столбцами «№ акта» и «Инв. №» (act_number, inventory_number) или форма акта с заголовком «АКТ № … от …» над таблицей с «Инв. №».`,
  },
  // Rows of an act table (flat or form).
  'row-unreadable': { text: (f) => withDetail('Строку таблицы не удалось прочитать, она не вошла в сверку.', detail(f)) },
  'act-number-missing': {
    text: (f) => `В строке нет номера акта, строка не прочитана${f.data?.inventoryNumber ? ` (инв. № «${f.data.inventoryNumber}»)` : ''}.`,
    expected: 'номер акта',
  },
  'act-type-unknown': { text: (f) => `Вид акта «${actual(f)}» — не списание и не передача; строка не прочитана.`, expected: 'списание или передача' },
  'library-unknown': { text: unknownLibrary, expected: 'библиотека из справочника филиалов' },
  'receiver-missing': { text: () => 'В строке акта передачи не указано, какой библиотеке или организации передан экземпляр.', expected: 'библиотека или организация, которой передан экземпляр' },
  'reason-missing': { text: () => 'В строке акта списания не указана причина выбытия.', expected: FLAT_REASONS },
  'reason-unknown': { text: (f) => `Причина выбытия «${actual(f)}» не распознана.`, expected: FLAT_REASONS },
  'year-not-year': { text: (f) => `Год издания «${actual(f)}» не читается; строка принята без года.`, expected: 'год, например 1987' },
  'copies-not-one': { text: (f) => `В строке указано «${actual(f)}» экз.: в акте каждый экземпляр записывается отдельной строкой со своим инвентарным номером.` },
  'sum-not-price': { text: (f) => `Сумма строки ${actual(f)} тг не равна цене, умноженной на количество (${f.expected ?? ''} тг).` },
  'price-not-money': { text: notMoney('Цена'), expected: A_SUM },
  'sum-not-money': { text: notMoney('Сумма'), expected: A_SUM },
  'stated-copies-unreadable': { text: (f) => `Количество экземпляров по акту «${actual(f)}» не читается.` },
  'stated-sum-unreadable': { text: (f) => `Сумма по акту «${actual(f)}» не читается.` },
  'stated-copies-differ': { text: statedDiffers('Количество экземпляров по акту', 'экз.') },
  'stated-sum-differ': { text: statedDiffers('Сумма по акту', 'тг') },
  // A paper-form act's header block and «Итого» row.
  'title-without-number': { text: (f) => `В заголовке акта «${actual(f)}» нет номера акта.` },
  'act-kind-unknown': {
    text: () => 'Из шапки акта не понять, списание это («об исключении…») или передача («приема-передачи»); акт прочитан как акт списания.',
    expected: '«об исключении документов из библиотечного фонда» или «приема-передачи»',
  },
  'sender-unknown': { text: unknownLibrary },
  'header-library-missing': { text: () => 'Ни одна строка шапки акта не называет библиотеку из справочника филиалов.', expected: 'строка вроде «Библиотека-филиал № 15 д.»' },
  'header-receiver-missing': { text: () => 'В акте передачи не указана принимающая сторона («Принимающая сторона: …»).' },
  'header-reason-missing': { text: () => 'В шапке акта списания не указана причина («по причине: …»).' },
  'header-reason-unknown': { text: (f) => `Причина «${actual(f)}» не распознана.` },
  'total-sum-not-money': { text: (f) => withDetail(`Сумма в строке итогов «${actual(f)}» не читается.`, detail(f)) },
  'totals-line-empty': { text: emptyTotals },
  'closing-row-empty': { text: emptyTotals },
  // Act dates.
  'act-date-missing': { text: () => 'В акте не указана дата.', expected: A_DATE },
  'act-date-not-real': { text: (f) => `Дата акта «${actual(f)}» — не настоящая календарная дата.`, expected: A_DATE },
  'act-date-future': {
    text: (f) => {
      const latest = f.data?.latest;
      if (latest !== undefined && isIsoDate(actual(f)) && isIsoDate(latest)) return `Акт датирован ${dottedDate(actual(f))}, позже ${dottedDate(latest)}: дата в будущем.`;
      return `Дата акта «${actual(f)}» — не настоящая календарная дата.`;
    },
  },
  // The holdings.
  'copy-number-unreadable': {
    text: (f) => {
      const what = actual(f) === '' ? `У экземпляра${recordAt(f)} нет инвентарного номера` : `Инвентарный номер экземпляра «${actual(f)}»${recordAt(f)} не читается`;
      return `${what}; экземпляр нельзя сопоставить со строками актов.`;
    },
  },
  'holdings-line-not-json': {
    text: (f) => withDetail(`Строка ${f.place.line ?? '?'} выгрузки фонда не читается (это не JSON); её экземпляры не вошли в сверку.`, detail(f)),
  },
  'holdings-record-unreadable': {
    // A code the reports have no words for is left to the check's name and the message.
    text: (f) => {
      const problem = RECORD_PROBLEMS[f.ruleId];
      if (problem === undefined) return undefined;
      const number = f.place.index !== undefined ? ` № ${f.place.index + 1}` : '';
      const offset = f.place.offset !== undefined ? ` (с байта ${f.place.offset})` : '';
      return withDetail(`Запись фонда${number}${offset} не прочитана: ${problem}; её экземпляры не вошли в сверку.`, detail(f));
    },
  },
});

/** The Russian text of a finding of reading the inputs (by its case), or undefined for a finding without one. */
export function readingText(f: AuditFinding): string | undefined {
  return isReaderCase(f.messageId) ? READING_WORDS[f.messageId].text(f) : undefined;
}

/** The Russian of a reading finding's fixed «expected» value, or undefined when it has none (or it is shown as it is). */
export function readingExpected(f: AuditFinding): string | undefined {
  return f.expected !== undefined && isReaderCase(f.messageId) ? READING_WORDS[f.messageId].expected : undefined;
}
