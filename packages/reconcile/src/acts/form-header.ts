/**
 * The header block of an act laid out like the paper form, above its table:
 *
 *     АКТ № 17 от 10.10.2023
 *     об исключении документов из библиотечного фонда      (or «приема-передачи»)
 *     Библиотека-филиал № 15 д.
 *     … подлежат исключению по причине: ветхость.
 *     Всего исключено 3 экз. на сумму 4 150,00 тенге.
 *
 * Each row is read as the text of its cells joined by spaces, so a line
 * split over merged or neighbouring cells reads the same. A transfer names
 * its parties with labels: «Передающая сторона:», «Откуда:», «Сдал:» and
 * «Принимающая сторона:», «Куда:», «Кому:», «Получатель:», «Принял:».
 */
import type { Finding } from '@kitap/core';
import type { BranchDirectory, WriteOffReason } from '@kitap/holdings';
import type { TableRow } from '@kitap/inventory';
import type { ActType } from './act.js';
import { parseActMoney, parseCopyCount } from './act-cell-values.js';
import { parseActDate } from './act-date.js';
import { actFinding, actLabel } from './act-finding.js';
import { normalizeActNumber } from './act-number.js';
import { resolveActLibrary } from './act-party.js';
import { parseActReason } from './act-reason.js';
import { parseActType } from './act-type.js';

/** What a form's header block says. `date` is ISO, or the text as written when it is no date ('' when missing). */
export interface FormHeader {
  /** The sheet row of the «АКТ № …» title. */
  titleLine: number;
  number: string;
  date: string;
  type: ActType;
  reason?: WriteOffReason;
  branch?: string;
  branchText?: string;
  toBranch?: string;
  toInstitution?: string;
  statedCopies?: number;
  statedSum?: number;
  /** The rows stating the totals. */
  statedCopiesLine?: number;
  statedSumLine?: number;
}

/** The text of a row: its non-empty cells, trimmed, joined by one space. */
export function rowText(row: TableRow): string {
  return row.cells
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(' ')
    .replace(/\s+/gu, ' ');
}

const TITLE = /^акт(?![а-яёәғқңөұүһі])\s*(.*)$/iu;
const NUMBER = /(?:№|N[oº°]?\.?|#)\s*([^\s,;]+)/u;
const DATE_AFTER = /(?:^|\s)от\s+(.+?)\s*$/iu;
const FROM_LABEL = /^(?:передающая\s+сторона|откуда|сдал[а-я]*|передал[а-я]*|передает|передающ[а-я]*\s+библиотека|от\s+кого)\s*[:\-—–]\s*(.+)$/iu;
const TO_LABEL = /^(?:принимающая\s+сторона|куда|кому|принял[а-я]*|получатель|принимает|принимающ[а-я]*\s+(?:библиотека|организация|учреждение))\s*[:\-—–]\s*(.+)$/iu;
const REASON = /(?:по\s+причине|причина(?:\s+списания|\s+выбытия|\s+исключения)?)\s*[:\-—–]?\s*(.+)$/iu;
const TOTALS = /^(?:всего|итого|барлығы|жиыны)/iu;
const TOTALS_INSIDE = /(?:всего|итого|барлығы|жиыны)/iu;
const COPIES = /(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)\s*(?:экз|экземпл|дана)/iu;
const SUM = /сумм[а-я]*\s*[:\-—–]?\s*(\d[\d \u00a0\u202f.,]*\d)/iu;
// Rows that never name the act's own library: the approval block, the commission.
const NOT_LIBRARY = /^от\s|утверждаю|директор|комисси|причин|всего|итого|подпис|председател/iu;

/** The index of the «АКТ …» title row among the rows, or -1. */
export function findTitle(rows: readonly TableRow[]): number {
  return rows.findIndex((r) => TITLE.test(rowText(r)));
}

/** A name without the sentence's closing full stop; the dot of an abbreviation («№15 д.», «№1 юн.») stays. */
function partyText(text: string): string {
  const s = text.trim().replace(/[;,]+$/u, '').trim();
  return /(?:^|[\s\d])\p{L}{1,3}\.$/u.test(s) ? s : s.replace(/\.+$/u, '').trim();
}

/**
 * Reads the header block: `rows` are the rows above the table, `title` the
 * index of the title row among them. Problems (ACT_HEADER_INVALID) name the
 * file and the row.
 */
export function readFormHeader(rows: readonly TableRow[], title: number, file: string, branches: BranchDirectory, problems: Finding[]): FormHeader {
  const titleRow = rows[title]!;
  const titleText = rowText(titleRow);
  const rest = TITLE.exec(titleText)?.[1] ?? '';
  const dateMatch = DATE_AFTER.exec(rest);
  let beforeDate = dateMatch ? rest.slice(0, dateMatch.index) : rest;
  let dateText = dateMatch?.[1] ?? '';
  const after = rows.slice(title + 1);
  if (dateText === '') {
    // «АКТ № 17» with «от 10.10.2023» on the next row.
    const next = after[0] === undefined ? '' : rowText(after[0]);
    const m = /^от\s+(.+)$/iu.exec(next);
    if (m) dateText = m[1]!;
  }
  const numberMatch = NUMBER.exec(beforeDate);
  let number = numberMatch ? normalizeActNumber(numberMatch[1]!) : '';
  if (number === '') {
    beforeDate = beforeDate.trim();
    const last = beforeDate.split(' ').at(-1) ?? '';
    if (/\d/u.test(last)) number = normalizeActNumber(last);
  }
  const date = parseActDate(dateText) ?? dateText.trim();
  const header: FormHeader = { titleLine: titleRow.line, number, date, type: 'write-off' };
  const label = actLabel(header);
  const place = (row: TableRow): { file: string; line: number } => ({ file, line: row.line });
  if (number === '') problems.push(actFinding('ACT_HEADER_INVALID', 'error', `the act's title «${titleText}» has no act number`, place(titleRow), { case: 'title-without-number', actual: titleText, expected: 'АКТ № 17 от 10.10.2023' }));

  // The kind of act: the title or the rows under it, before the reason.
  let type: ActType | undefined;
  for (const row of [titleRow, ...after]) {
    const text = rowText(row);
    if (REASON.test(text) || TOTALS_INSIDE.test(text)) continue;
    type = parseActType(text.replace(TITLE, '$1'));
    if (type !== undefined) break;
  }
  if (type === undefined) {
    problems.push(actFinding('ACT_HEADER_INVALID', 'error', `${label}: the header does not say whether the act writes copies off («об исключении…») or transfers them («приема-передачи»); it is read as a write-off`, place(titleRow), { case: 'act-kind-unknown', expected: 'об исключении документов из библиотечного фонда, or приема-передачи' }));
    type = 'write-off';
  }
  header.type = type;

  let toText: string | undefined;
  let reasonText: string | undefined;
  let reasonRow: TableRow | undefined;
  for (const row of after) {
    const text = rowText(row);
    const to = TO_LABEL.exec(text);
    const from = FROM_LABEL.exec(text);
    const reason = REASON.exec(text);
    if (to) {
      toText ??= partyText(to[1]!);
    } else if (from) {
      if (header.branch === undefined) {
        const fromText = partyText(from[1]!);
        header.branchText = fromText;
        const code = resolveActLibrary(fromText, branches);
        if (code !== undefined) header.branch = code;
        else problems.push(actFinding('ACT_HEADER_INVALID', 'warning', `${label}: «${fromText}» is not a library of the branch directory`, place(row), { case: 'sender-unknown', actual: fromText }));
      }
    } else if (reason && reasonText === undefined) {
      reasonText = partyText(reason[1]!);
      reasonRow = row;
    }
    if (TOTALS_INSIDE.test(text)) readTotals(text, row, header, label, file, problems);
    if (header.branch === undefined && header.branchText === undefined && !to && !from && !reason && !NOT_LIBRARY.test(text)) {
      const colon = text.lastIndexOf(':');
      const code = resolveActLibrary(text, branches) ?? (colon >= 0 ? resolveActLibrary(text.slice(colon + 1), branches) : undefined);
      if (code !== undefined) {
        header.branch = code;
        header.branchText = partyText(colon >= 0 && resolveActLibrary(text, branches) === undefined ? text.slice(colon + 1) : text);
      }
    }
  }
  if (header.branch === undefined && header.branchText === undefined) {
    problems.push(actFinding('ACT_HEADER_INVALID', 'warning', `${label}: no line of the header names a library of the branch directory`, place(titleRow), { case: 'header-library-missing', expected: 'a line such as «Библиотека-филиал № 15 д.»' }));
  }

  if (toText !== undefined) {
    const code = resolveActLibrary(toText, branches);
    if (code !== undefined) header.toBranch = code;
    else header.toInstitution = toText;
  } else if (type === 'transfer') {
    problems.push(actFinding('ACT_HEADER_INVALID', 'error', `${label}: a transfer act needs the receiving library or institution («Принимающая сторона: …»)`, place(titleRow), { case: 'header-receiver-missing', expected: 'Принимающая сторона: …' }));
  }

  if (type === 'transfer') {
    if (header.toInstitution !== undefined) header.reason = 'transferred';
  } else if (reasonText === undefined) {
    problems.push(actFinding('ACT_HEADER_INVALID', 'error', `${label}: the header gives no reason for the write-off («по причине: …»)`, place(titleRow), { case: 'header-reason-missing', expected: 'по причине: ветхость' }));
  } else {
    const reason = parseActReason(reasonText);
    if (reason !== undefined) header.reason = reason;
    else problems.push(actFinding('ACT_HEADER_INVALID', 'error', `${label}: the reason «${reasonText}» is not one kitap knows`, place(reasonRow!), { case: 'header-reason-unknown', actual: reasonText, expected: 'ветхость, устарелость, передача, недостача, утеряно читателями, стихийное бедствие, прочие' }));
  }
  return header;
}

/** «Всего исключено 3 экз. на сумму 4 150,00 тенге.»: the stated copies and sum, the first such line winning. */
function readTotals(text: string, row: TableRow, header: FormHeader, label: string, file: string, problems: Finding[]): void {
  const copies = COPIES.exec(text);
  if (copies && header.statedCopies === undefined) {
    const n = parseCopyCount(copies[1]!);
    if (n !== undefined) {
      header.statedCopies = n;
      header.statedCopiesLine = row.line;
    }
  }
  const sum = SUM.exec(text);
  if (sum && header.statedSum === undefined) {
    const money = parseActMoney(sum[1]!);
    if (money.ok) {
      header.statedSum = money.tiyn;
      header.statedSumLine = row.line;
    }
    else problems.push(actFinding('ACT_HEADER_INVALID', 'error', `${label}: the total sum «${sum[1]}» cannot be read (${money.reason})`, { file, line: row.line }, { case: 'total-sum-not-money', data: { detail: money.reason }, actual: sum[1]! }));
  }
  if (!copies && !sum && TOTALS.test(text)) problems.push(actFinding('ACT_HEADER_INVALID', 'warning', `${label}: the totals line «${text}» gives neither a number of copies nor a sum`, { file, line: row.line }, { case: 'totals-line-empty', actual: text }));
}
