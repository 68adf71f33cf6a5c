/**
 * What the findings of reading the inputs say, in Russian: act files and
 * folders (ACT_FILE_UNREADABLE, ACT_SHAPE_UNKNOWN), act rows and form headers
 * (ACT_LINE_INVALID, ACT_HEADER_INVALID), act dates (ACT_DATE_INVALID) and
 * the holdings (HOLDINGS_COPY_INVALID, E_JSON and the codes of MARC records
 * that cannot be read). Made from the finding's values: the file, the line,
 * the cell as written and the fixed expected values of the readers
 * (reader-values.ts). What only the English message holds — a parser's or
 * the system's own words — follows the Russian sentence in brackets, so no
 * finding reads in English alone.
 */
import { dottedDate, isIsoDate } from '@kitap/holdings';
import { HEADER_SEARCH_ROWS } from '../acts/read-acts.js';
import type { AuditFinding } from '../audit/run-audit.js';
import { RECORD_PROBLEMS } from './check-names.js';
import { READER_EXPECTED as E } from './reader-values.js';

/** The file name without its folders. */
function fileName(path: string | undefined): string {
  return (path ?? '').replace(/^.*[\\/]/u, '');
}

/** The part of `message` the pattern's first group catches, or the whole message when it does not match. */
function detailOf(message: string, pattern: RegExp): string {
  return pattern.exec(message)?.[1] ?? message;
}

/** A Russian sentence with the English detail after it, in brackets. */
function withDetail(sentence: string, detail: string): string {
  return detail === '' ? sentence : `${sentence} (${detail})`;
}

// A sum as the readers write it (formatMoney): «1 300,00».
const MONEY = /^-?\d[\d \u00a0\u202f]*,\d{2}$/u;

// The word of a form's totals line or «Итого» row (the row's cells are joined, so it need not come first).
const TOTALS = /(?:^|[\s:;.,])(?:всего|итого|барлығы|жиыны)(?!\p{L})/iu;

/**
 * A row of an act table (flat or form) that cannot be read: each case by its
 * fixed expected value, then by what it carries; undefined when it is none of
 * the readers' cases.
 */
function actLineText(f: AuditFinding): string | undefined {
  const actual = f.actual ?? '';
  switch (f.expected) {
    case E.actNumber: {
      const inventory = /inventory number «(.*)»\)$/u.exec(f.message)?.[1];
      return `В строке нет номера акта, строка не прочитана${inventory ? ` (инв. № «${inventory}»)` : ''}.`;
    }
    case E.actType:
      return `Вид акта «${actual}» — не списание и не передача; строка не прочитана.`;
    case E.library:
      return `Библиотеки «${actual}» нет в справочнике филиалов.`;
    case E.receiver:
      return 'В строке акта передачи не указано, какой библиотеке или организации передан экземпляр.';
    case E.flatReasons:
      return f.actual === undefined ? 'В строке акта списания не указана причина выбытия.' : `Причина выбытия «${actual}» не распознана.`;
    case E.year:
      return `Год издания «${actual}» не читается; строка принята без года.`;
    case E.money: {
      const column = /the sum «/u.test(f.message) ? 'Сумма' : 'Цена';
      return withDetail(`${column} «${actual}» не читается как денежная сумма; строка принята без неё.`, detailOf(f.message, /is not an amount of money \((.*)\); the line is kept/su));
    }
  }
  // Two rows of one act giving different totals: the first is kept.
  if (f.related !== undefined && f.expected !== undefined) {
    // A sum is written with its tiyn («200,00»), a number of copies without.
    const [what, unit] = actual.includes(',') ? ['Сумма по акту', 'тг'] : ['Количество экземпляров по акту', 'экз.'];
    return `${what} в этой строке (${actual} ${unit}) не совпадает с указанным в строке ${f.related.line ?? '?'} (${f.expected} ${unit}); взято первое.`;
  }
  if (f.expected === E.oneCopy) return `В строке указано «${actual}» экз.: в акте каждый экземпляр записывается отдельной строкой со своим инвентарным номером.`;
  // «Сумма» other than the price times «Кол-во»: both values are sums the reader wrote.
  if (MONEY.test(actual) && MONEY.test(f.expected ?? '')) return `Сумма строки ${actual} тг не равна цене, умноженной на количество (${f.expected} тг).`;
  // A stated total the reader could not read gives only the text as written.
  const stated = f.expected === undefined ? /the stated (number of copies|sum) «/u.exec(f.message)?.[1] : undefined;
  if (stated !== undefined) return `${stated === 'sum' ? 'Сумма по акту' : 'Количество экземпляров по акту'} «${actual}» не читается.`;
  // A row the table reader could not split into cells: its reason is the reader's own (English) words.
  const broken = /the row cannot be read: (.*)$/su.exec(f.message)?.[1];
  return broken === undefined ? undefined : withDetail('Строку таблицы не удалось прочитать, она не вошла в сверку.', broken);
}

/** A paper-form act's header block or «Итого» row that lacks or garbles something; undefined when it is none of the reader's cases. */
function actHeaderText(f: AuditFinding): string | undefined {
  const actual = f.actual ?? '';
  switch (f.expected) {
    case E.title:
      return `В заголовке акта «${actual}» нет номера акта.`;
    case E.kind:
      return 'Из шапки акта не понять, списание это («об исключении…») или передача («приема-передачи»); акт прочитан как акт списания.';
    case E.headerLibrary:
      return 'Ни одна строка шапки акта не называет библиотеку из справочника филиалов.';
    case E.receiverLabel:
      return 'В акте передачи не указана принимающая сторона («Принимающая сторона: …»).';
    case E.reasonLabel:
      return 'В шапке акта списания не указана причина («по причине: …»).';
    case E.formReasons:
      return `Причина «${actual}» не распознана.`;
  }
  // The rest carry only what was written: a total sum that is no money (an error), a totals line or «Итого»
  // row without figures, or a sending library the directory does not know (warnings).
  if (f.actual === undefined) return undefined;
  if (f.severity === 'error') return withDetail(`Сумма в строке итогов «${actual}» не читается.`, detailOf(f.message, /cannot be read \((.*)\)$/su));
  if (TOTALS.test(actual)) return `Строка итогов «${actual}» не даёт ни количества экземпляров, ни суммы.`;
  return `Библиотеки «${actual}» нет в справочнике филиалов.`;
}

/** The message after the first of `prefixes` it starts with, or undefined. */
function afterPrefix(message: string, prefixes: readonly string[]): string | undefined {
  const prefix = prefixes.find((p) => message.startsWith(p));
  return prefix === undefined ? undefined : message.slice(prefix.length);
}

/** A path named as acts that cannot be read: a folder without act files, a path that is not there, a file that is no table. */
function actFileText(f: AuditFinding): string {
  const path = f.place.file ?? '';
  const name = fileName(path);
  if (f.severity === 'warning') return `В папке «${name}» нет файлов актов (.csv или .xlsx).`;
  // The system's words on a path it cannot open, or the table reader's on a file it cannot read (both name the path first).
  const system = afterPrefix(f.message, [`cannot read ${path}: `, `cannot list the directory ${path}: `]);
  if (system !== undefined) return withDetail(`Файл или папка актов «${name}» не открывается.`, system);
  return withDetail(`Файл акта «${name}» не читается как таблица.`, afterPrefix(f.message, [`${path}: `]) ?? f.message);
}

/** A file that is a table but no act: a table of inventory numbers without an act, or nothing like an act at all. */
function actShapeText(f: AuditFinding): string {
  const line = /^line (\d+) heads a table/u.exec(f.message)?.[1];
  if (line !== undefined) return `Строка ${line} — шапка таблицы с инвентарными номерами, но в файле нет столбца «№ акта» (act_number) и над таблицей нет заголовка «АКТ № … от …»; файл не прочитан как акт.`;
  return `В первых ${HEADER_SEARCH_ROWS} строках файла нет таблицы акта: нужна таблица со столбцами «№ акта» и «Инв. №» (act_number, inventory_number) или форма акта с заголовком «АКТ № … от …» над таблицей с «Инв. №».`;
}

/** An act date that is missing, no calendar date, or in the future. */
function actDateText(f: AuditFinding): string {
  const actual = f.actual ?? '';
  if (actual === '') return 'В акте не указана дата.';
  const bound = /^on or before (\d{4}-\d{2}-\d{2})$/u.exec(f.expected ?? '')?.[1];
  if (bound !== undefined && isIsoDate(actual)) return `Акт датирован ${dottedDate(actual)}, позже ${dottedDate(bound)}: дата в будущем.`;
  return `Дата акта «${actual}» — не настоящая календарная дата.`;
}

/** The record a holdings finding points at: its number (001, which the readers give in the message), else its place in the file. */
function recordAt(f: AuditFinding): string {
  const id = f.place.recordId ?? /of record (.+?) has an inventory number/u.exec(f.message)?.[1];
  if (id !== undefined) return ` (запись ${id})`;
  return f.place.index !== undefined ? ` (запись № ${f.place.index + 1} файла)` : '';
}

/** A copy of the holdings whose inventory number cannot be read; the readers give the number as written ('' for none) as `actual`. */
function holdingsCopyText(f: AuditFinding): string | undefined {
  if (f.actual === undefined) return undefined;
  const what = f.actual === '' ? `У экземпляра${recordAt(f)} нет инвентарного номера` : `Инвентарный номер экземпляра «${f.actual}»${recordAt(f)} не читается`;
  return `${what}; экземпляр нельзя сопоставить со строками актов.`;
}

/** A holdings record (or a line of web-rabis.jsonl) that cannot be read: its copies are not in the audit. */
function holdingsRecordText(f: AuditFinding): string | undefined {
  const jsonLine = /^line (\d+) is not JSON: (.*); its copies are not in the audit$/su.exec(f.message);
  if (f.ruleId === 'E_JSON' && jsonLine) return withDetail(`Строка ${jsonLine[1]} выгрузки фонда не читается (это не JSON); её экземпляры не вошли в сверку.`, jsonLine[2]!);
  const problem = RECORD_PROBLEMS[f.ruleId];
  if (problem === undefined) return undefined;
  const number = f.place.index !== undefined ? ` № ${f.place.index + 1}` : '';
  const offset = f.place.offset !== undefined ? ` (с байта ${f.place.offset})` : '';
  return withDetail(`Запись фонда${number}${offset} не прочитана: ${problem}; её экземпляры не вошли в сверку.`, detailOf(f.message, /^a holdings record cannot be read: (.*); its copies are not in the audit$/su));
}

/** The Russian text of a finding of reading the inputs, or undefined for a finding of the checks. */
export function readingText(f: AuditFinding): string | undefined {
  switch (f.ruleId) {
    case 'ACT_LINE_INVALID':
      return actLineText(f);
    case 'ACT_HEADER_INVALID':
      return actHeaderText(f);
    case 'ACT_FILE_UNREADABLE':
      return actFileText(f);
    case 'ACT_SHAPE_UNKNOWN':
      return actShapeText(f);
    case 'ACT_DATE_INVALID':
      return actDateText(f);
    case 'HOLDINGS_COPY_INVALID':
      return holdingsCopyText(f);
    default:
      return holdingsRecordText(f);
  }
}
