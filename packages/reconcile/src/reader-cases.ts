/**
 * The cases of the findings of reading the inputs: each way the act readers
 * (act files and folders, flat rows, paper-form headers and «Итого» rows), the
 * act date check and the holdings readers tell that something cannot be read.
 * One code covers several cases (ACT_LINE_INVALID a dozen), so each finding
 * names its case where it is made, as `messageId` (the `Finding` field for
 * «which of the rule's messages this is»), with what the Russian report needs
 * beyond `actual` and `expected` in `data`. The workbook and the page
 * (report/reading-text.ts) word a finding by its case alone, never by its
 * English message, which stays free to change; findings.json writes neither
 * field.
 */
import type { Finding } from '@kitap/core';

/** Every case, by the code its findings carry. A case added here needs its Russian text in report/reading-text.ts. */
export const READER_CASES = [
  // ACT_FILE_UNREADABLE
  /** A path named as acts that is not there or cannot be looked at (the system's words in `detail`). */
  'act-path-unreadable',
  /** A folder of acts that cannot be listed (the system's words in `detail`). */
  'act-folder-unreadable',
  /** A folder of acts without a .csv or .xlsx file. */
  'act-folder-empty',
  /** A file the table reader cannot read (its words in `detail`). */
  'act-file-not-table',
  // ACT_SHAPE_UNKNOWN
  /** A table of inventory numbers with neither an act_number column nor an «АКТ № … от …» title (`tableLine`: its header row). */
  'act-table-without-act',
  /** No act table in the rows searched. */
  'act-table-not-found',
  // ACT_LINE_INVALID
  /** A row the table reader cannot split into cells (its words in `detail`). */
  'row-unreadable',
  /** A flat row without an act number (`inventoryNumber`: the row's, when it has one). */
  'act-number-missing',
  /** A flat row whose act type is neither a write-off nor a transfer. */
  'act-type-unknown',
  /** A flat row's sending library that the branch directory does not know. */
  'library-unknown',
  /** A flat transfer row without the receiving library or institution. */
  'receiver-missing',
  /** A flat write-off row without a reason. */
  'reason-missing',
  /** A flat write-off row whose reason is none kitap knows. */
  'reason-unknown',
  /** A year cell that is no year. */
  'year-not-year',
  /** A «Кол-во» other than 1. */
  'copies-not-one',
  /** A «Сумма» other than the price times «Кол-во». */
  'sum-not-price',
  /** A «Цена» that is no amount of money (the money parser's words in `detail`). */
  'price-not-money',
  /** A «Сумма» that is no amount of money (the money parser's words in `detail`). */
  'sum-not-money',
  /** A flat row's stated number of copies that cannot be read. */
  'stated-copies-unreadable',
  /** A flat row's stated sum that cannot be read. */
  'stated-sum-unreadable',
  /** A flat row's stated number of copies other than an earlier row's of the act (`related`). */
  'stated-copies-differ',
  /** A flat row's stated sum other than an earlier row's of the act (`related`). */
  'stated-sum-differ',
  // ACT_HEADER_INVALID
  /** A form's title without an act number. */
  'title-without-number',
  /** A form's header that says neither write-off nor transfer. */
  'act-kind-unknown',
  /** A form's «Передающая сторона» that the branch directory does not know. */
  'sender-unknown',
  /** A form's header that names no library of the directory. */
  'header-library-missing',
  /** A transfer form without «Принимающая сторона». */
  'header-receiver-missing',
  /** A write-off form without «по причине: …». */
  'header-reason-missing',
  /** A form's reason that is none kitap knows. */
  'header-reason-unknown',
  /** A totals line's sum that is no amount of money (the money parser's words in `detail`). */
  'total-sum-not-money',
  /** A totals line of the header with neither copies nor a sum. */
  'totals-line-empty',
  /** A form's «Итого» row with neither copies nor a sum. */
  'closing-row-empty',
  // ACT_DATE_INVALID
  /** An act without a date. */
  'act-date-missing',
  /** An act date that is no calendar date. */
  'act-date-not-real',
  /** An act dated after the day of the check (`latest`: that day, ISO). */
  'act-date-future',
  // HOLDINGS_COPY_INVALID
  /** A copy of the holdings without an inventory number (`actual` '') or with one that cannot be read (`record`: its record, when known). */
  'copy-number-unreadable',
  // E_JSON
  /** A line of web-rabis.jsonl that is not JSON (the parser's words in `detail`). */
  'holdings-line-not-json',
  // The codes of @kitap/marc for a record it rejects (E_TRUNCATED, …)
  /** A holdings record that cannot be read (the MARC reader's words in `detail`). */
  'holdings-record-unreadable',
] as const;

/** One case of a finding of reading the inputs. */
export type ReaderCase = (typeof READER_CASES)[number];

const CASES: ReadonlySet<string> = new Set(READER_CASES);

/** True when `id` (a finding's messageId) is a case of reading the inputs. */
export function isReaderCase(id: string | undefined): id is ReaderCase {
  return id !== undefined && CASES.has(id);
}

/** What a finding of reading carries beside its values, for the Russian report. */
export interface ReaderData {
  /** Why, in the words of a parser or the system (English): shown after the Russian sentence, in brackets. */
  detail?: string;
  /** The inventory number of a row that was not read. */
  inventoryNumber?: string;
  /** The holdings record (its 001 or Web-RABIS id) of a copy. */
  record?: string;
  /** The row that heads a table which is no act. */
  tableLine?: number;
  /** The latest date an act may bear (ISO): the day of the check. */
  latest?: string;
}

/** A finding of reading the inputs: its case, and what else the report needs. */
export interface ReaderFinding extends Finding {
  messageId: ReaderCase;
  data?: ReaderData;
}

/** `finding` with its case and data. */
export function withCase(finding: Finding, readerCase: ReaderCase, data?: ReaderData): ReaderFinding {
  const out: ReaderFinding = { ...finding, messageId: readerCase };
  if (data !== undefined && Object.keys(data).length > 0) out.data = data;
  return out;
}
