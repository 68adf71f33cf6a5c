/**
 * What a finding says, in Russian, for the library staff who read the audit's
 * workbook and page (findings.json keeps the English message for scripts).
 * Made from the finding's structured values: the checks here, the findings of
 * reading the inputs in reading-text.ts. A finding no wording fits (a code
 * the reports do not know, a check without its inventory number) shows its
 * Russian check name, with the English message after it in brackets: never
 * English alone.
 */
import type { BranchDirectory } from '@kitap/holdings';
import { dottedDate } from '@kitap/holdings';
import type { AuditFinding } from '../audit/run-audit.js';
import { WITHDRAWAL_LABELS } from '../statistics/withdrawal-labels.js';
import { checkName } from './check-names.js';
import { balanceFigures } from './finding-values.js';
import { readingText } from './reading-text.js';
import { copyStatusName, languageName, libraryName } from './report-labels.js';

function where(related: AuditFinding['related']): string {
  if (related === undefined) return '';
  const file = related.file?.replace(/^.*[\\/]/u, '');
  return related.line !== undefined ? ` (${file ? `${file}, ` : ''}строка ${related.line})` : file ? ` (${file})` : '';
}

/** The date an "on or after YYYY-MM-DD" expectation names, as DD.MM.YYYY. */
function dateIn(text: string | undefined): string {
  const iso = /\d{4}-\d{2}-\d{2}/u.exec(text ?? '')?.[0];
  return iso === undefined ? (text ?? '') : dottedDate(iso);
}

/**
 * BALANCE_MISMATCH: the cell (library, subject group, language) is the start
 * of the message (`F04, fiction, kaz: …`, codes only), the figures are the
 * finding's actual and expected values.
 */
function balanceText(f: AuditFinding, branches: BranchDirectory | undefined): string | undefined {
  const end = balanceFigures(f.actual);
  const expected = balanceFigures(f.expected);
  if (end === undefined || expected === undefined) return undefined;
  const cell = /^([^,:]+), (\w+), (\w+): /u.exec(f.message);
  const group = (code: string): string => (WITHDRAWAL_LABELS.groups as Readonly<Record<string, string>>)[code] ?? code;
  const about = cell ? ` (${libraryName(cell[1], branches)}, ${group(cell[2]!)}, ${languageName(cell[3]!)})` : '';
  return `Не сходится баланс фонда${about}: на начало года + поступило − выбыло − передано + получено = ${expected.copies} экз. на сумму ${expected.sum} тг, а на конец года в фонде ${end.copies} экз. на сумму ${end.sum} тг.`;
}

/** The text when no wording fits: the check's Russian name (or a plain «Замечание»), then the English message in brackets. */
function namedWithMessage(f: AuditFinding): string {
  const name = checkName(f.ruleId);
  return `${name === f.ruleId ? `Замечание ${f.ruleId}` : name}. (${f.message})`;
}

export function findingText(f: AuditFinding, branches: BranchDirectory | undefined): string {
  const reading = readingText(f);
  if (reading !== undefined) return reading;
  const inv = f.inventoryNumber === undefined || f.inventoryNumber === '' ? undefined : `«${f.inventoryNumber}»`;
  const status = f.copies?.[0]?.status;
  switch (f.ruleId) {
    case 'ACT_LINE_UNMATCHED':
      if (inv) return `В фонде нет экземпляра с инв. № ${inv}.`;
      break;
    case 'ACT_LINE_AMBIGUOUS':
      if (inv) return `Инв. № ${inv} подходит нескольким экземплярам фонда (${f.copies?.length ?? 2}); какой из них выбыл, по акту не понять.`;
      break;
    case 'COPY_WRITTEN_OFF_TWICE':
      if (inv) return `Экземпляр ${inv} уже выбыл по более раннему акту${where(f.related)}.`;
      break;
    case 'COPY_MOVED_AFTER_WITHDRAWAL':
      if (inv) return `Акт перемещает экземпляр ${inv}, который уже выбыл по более раннему акту${where(f.related)}.`;
      break;
    case 'WRITTEN_OFF_STILL_ACTIVE':
      if (inv) return `Экземпляр ${inv} списан по акту, но в фонде числится: ${copyStatusName(status)}.`;
      break;
    case 'TRANSFERRED_OUT_STILL_ACTIVE':
      if (inv) return `Экземпляр ${inv} передан в другую организацию, но в фонде числится: ${copyStatusName(status)}.`;
      break;
    case 'TRANSFER_LOCATION_MISMATCH':
      if (inv) return `Акт передаёт экземпляр ${inv} в библиотеку «${libraryName(f.expected, branches)}», а в фонде он числится в «${libraryName(f.actual, branches) || 'нигде'}».`;
      break;
    case 'ACT_BEFORE_RECEIPT':
      if (inv) return `Акт датирован ${dateIn(f.actual)}, раньше поступления экземпляра ${inv} (${dateIn(f.expected)}).`;
      break;
    case 'PRICE_MISMATCH':
      if (inv && f.actual !== undefined && f.expected !== undefined) return `Цена экземпляра ${inv} в акте ${f.actual} тг, в фонде ${f.expected} тг.`;
      break;
    case 'INVENTORY_NUMBER_DUPLICATE':
      if (inv) return `Инв. № ${inv} повторяется в акте.`;
      break;
    case 'INVENTORY_NUMBER_INVALID':
      return inv ? `Инв. № ${inv} не читается как инвентарный номер.` : 'В строке акта нет инвентарного номера; её нельзя сопоставить с экземпляром фонда.';
    case 'ACT_TOTAL_MISMATCH':
      if (f.actual !== undefined && f.expected !== undefined) return `Итог акта не равен его строкам: в акте ${f.expected}, по строкам ${f.actual}.`;
      break;
    case 'ACT_AFTER_HOLDINGS':
      return `Акт датирован позже выгрузки фонда: фонд его ещё не отражает, экземпляры по нему не проверены; в таблицу выбытия за год акт включён.`;
    case 'BALANCE_MISMATCH':
      return balanceText(f, branches) ?? namedWithMessage(f);
  }
  return namedWithMessage(f);
}
