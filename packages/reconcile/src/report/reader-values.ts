/**
 * The fixed «expected» values the act readers and checks give their findings
 * (English, as findings.json keeps them for scripts), each with its Russian
 * for the workbook and the page. A reader's finding carries no other mark of
 * which of its cases it is (ACT_LINE_INVALID covers a dozen), so the reports
 * also tell the cases apart by these values; the report tests read real act
 * files, so a reader that changes one of them is caught there.
 */

/** The English values, by what they ask for. */
export const READER_EXPECTED = Object.freeze({
  actNumber: 'an act number',
  actType: 'write-off or transfer',
  library: 'a library of the system',
  receiver: 'a branch code or an institution',
  /** The reasons a flat table's `reason` column may give (flat-acts.ts). */
  flatReasons: 'worn, outdated, transferred, shortage, lost, disaster or other (or the Russian words of acts)',
  /** The reasons a paper form's «по причине: …» may give (form-header.ts); already Russian. */
  formReasons: 'ветхость, устарелость, передача, недостача, утеряно читателями, стихийное бедствие, прочие',
  year: 'a year such as 1987',
  oneCopy: '1',
  money: 'an amount such as 1 200,00',
  title: 'АКТ № 17 от 10.10.2023',
  kind: 'об исключении документов из библиотечного фонда, or приема-передачи',
  headerLibrary: 'a line such as «Библиотека-филиал № 15 д.»',
  receiverLabel: 'Принимающая сторона: …',
  reasonLabel: 'по причине: ветхость',
  date: 'a date such as 10.10.2023',
  inventoryNumber: 'an inventory number such as 48213',
} as const);

const E = READER_EXPECTED;

// Values already in Russian (or only figures) are not listed: they are shown as they are.
const IN_RUSSIAN: ReadonlyMap<string, string> = new Map([
  [E.actNumber, 'номер акта'],
  [E.actType, 'списание или передача'],
  [E.library, 'библиотека из справочника филиалов'],
  [E.receiver, 'библиотека или организация, которой передан экземпляр'],
  [E.flatReasons, 'ветхость, устарелость, передача, недостача, утеряно читателями, стихийное бедствие или прочие'],
  [E.year, 'год, например 1987'],
  [E.money, 'сумма, например 1 200,00'],
  [E.kind, '«об исключении документов из библиотечного фонда» или «приема-передачи»'],
  [E.headerLibrary, 'строка вроде «Библиотека-филиал № 15 д.»'],
  [E.date, 'дата, например 10.10.2023'],
  [E.inventoryNumber, 'инвентарный номер, например 48213'],
]);

/** The Russian of a reader's fixed value; any other value (a cell as written, a figure) as it is. */
export function readerValueText(value: string): string {
  return IN_RUSSIAN.get(value) ?? value;
}
