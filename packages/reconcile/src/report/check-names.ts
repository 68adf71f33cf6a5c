import type { Severity } from '@kitap/core';

/** One check of the audit as the reports list it: its stable code, its usual severity and its name for the auditors. */
export interface AuditCheck {
  code: string;
  severity: Severity;
  /** The check's Russian name, as the summary and the findings sheet show it. */
  name: string;
}

/**
 * The checks of `kitap reconcile` in the order the summary lists them (the
 * issue's order), each with its Russian name. The summary shows every one,
 * with zero when it found nothing: an auditor sees what was checked.
 */
export const AUDIT_CHECKS: readonly AuditCheck[] = Object.freeze([
  { code: 'ACT_LINE_UNMATCHED', severity: 'error', name: 'Строка акта: экземпляра с таким инв. № нет в фонде' },
  { code: 'ACT_LINE_AMBIGUOUS', severity: 'error', name: 'Строка акта: инв. № подходит нескольким экземплярам' },
  { code: 'COPY_WRITTEN_OFF_TWICE', severity: 'error', name: 'Экземпляр списан дважды' },
  { code: 'COPY_MOVED_AFTER_WITHDRAWAL', severity: 'error', name: 'Экземпляр перемещён после выбытия' },
  { code: 'WRITTEN_OFF_STILL_ACTIVE', severity: 'error', name: 'Списан по акту, но числится в фонде' },
  { code: 'TRANSFERRED_OUT_STILL_ACTIVE', severity: 'error', name: 'Передан в другую организацию, но числится в фонде' },
  { code: 'TRANSFER_LOCATION_MISMATCH', severity: 'error', name: 'Экземпляр не в той библиотеке, куда передан по акту' },
  { code: 'ACT_BEFORE_RECEIPT', severity: 'error', name: 'Акт датирован раньше поступления экземпляра' },
  { code: 'ACT_TOTAL_MISMATCH', severity: 'error', name: 'Итог акта не равен сумме его строк' },
  { code: 'PRICE_MISMATCH', severity: 'warning', name: 'Цена в акте не совпадает с ценой в фонде' },
  { code: 'INVENTORY_NUMBER_DUPLICATE', severity: 'error', name: 'Инв. № повторяется в одном акте' },
  { code: 'INVENTORY_NUMBER_INVALID', severity: 'error', name: 'Инв. № не читается' },
  { code: 'BALANCE_MISMATCH', severity: 'error', name: 'Не сходится баланс фонда (начало + поступило − выбыло ≠ конец)' },
]);

/**
 * What is wrong with a holdings record that the MARC readers of @kitap/marc
 * reject, by their codes, in a cataloguer's words (ISO 2709, MARCXML,
 * MARC-in-JSON and MarcEdit text alike): such a record is not read, and its
 * copies are not in the audit.
 */
export const RECORD_PROBLEMS: Readonly<Record<string, string>> = Object.freeze({
  E_RECORD_LENGTH: 'неверная длина записи в маркере',
  E_RECORD_TERMINATOR: 'запись не кончается разделителем записей',
  E_TRUNCATED: 'запись оборвана',
  E_RECORD_TOO_LONG: 'запись длиннее 99 999 байт',
  E_LEADER: 'неверный маркер записи',
  E_BASE_ADDRESS: 'неверный базовый адрес данных',
  E_DIRECTORY: 'повреждён справочник записи',
  E_FIELD_BOUNDS: 'поле выходит за границы записи',
  E_ORPHAN_DATA: 'данные вне полей записи',
  E_NO_FIELDS: 'в записи нет полей',
  E_TAG: 'неверная метка поля',
  E_INDICATOR: 'неверный индикатор поля',
  E_SUBFIELD_CODE: 'неверный идентификатор подполя',
  E_DELIMITER_IN_DATA: 'разделитель MARC внутри данных',
  E_ESC_IN_DATA: 'символ ESC внутри данных',
  E_FIELD_TOO_LONG: 'поле длиннее 9 999 байт',
  E_ENCODING: 'байты не в кодировке записи',
  E_UNMAPPABLE: 'символ, которого нет в кодировке',
  E_XML: 'XML испорчен или это не MARCXML',
  E_XML_ILLEGAL_CHAR: 'символ, недопустимый в XML',
  E_JSON: 'не JSON или не MARC-in-JSON',
  E_MNEMONIC: 'строка текстового формата MarcEdit не читается',
});

// Codes of reading the inputs, listed after the checks only when they occur.
const OTHER_NAMES: Readonly<Record<string, string>> = Object.freeze({
  ACT_DATE_INVALID: 'Дата акта не указана, неверна или в будущем',
  ACT_AFTER_HOLDINGS: 'Акт позже даты фонда (по фонду не проверен)',
  ACT_FILE_UNREADABLE: 'Файл акта не открывается',
  ACT_SHAPE_UNKNOWN: 'Файл не похож на акт',
  ACT_LINE_INVALID: 'Строка акта не читается',
  ACT_HEADER_INVALID: 'Шапка акта неполна или не читается',
  HOLDINGS_COPY_INVALID: 'Экземпляр в фонде не читается',
  ...Object.fromEntries(Object.entries(RECORD_PROBLEMS).map(([code, problem]) => [code, `Запись фонда не читается: ${problem}`])),
  // A line of web-rabis.jsonl as well as a MARC-in-JSON record.
  E_JSON: 'Строка выгрузки фонда не читается (не JSON)',
});

const NAMES = new Map<string, string>([...AUDIT_CHECKS.map((c): [string, string] => [c.code, c.name]), ...Object.entries(OTHER_NAMES)]);

/** The Russian name of a finding code; a code the reports do not know is shown as itself. */
export function checkName(code: string): string {
  return NAMES.get(code) ?? code;
}

/** The Russian words for the severities, as the findings sheet and page show them. */
export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = Object.freeze({
  error: 'ошибка',
  warning: 'предупреждение',
  info: 'сведения',
});
