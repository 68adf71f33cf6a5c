/**
 * The columns kitap understands in a 1C fund inventory export, and the
 * headings Russian and Kazakh exports give them. Headings are compared after
 * `normalizeHeading`, so «Инв. №», «ИНВ №» and «инв.№» are one heading.
 */
export const COLUMN_IDS = [
  'inventoryNumber',
  'author',
  'title',
  'year',
  'publisher',
  'place',
  'isbn',
  'bbk',
  'udc',
  'price',
  'quantity',
  'sum',
  'dateReceived',
  'batch',
  'branch',
  'department',
  'language',
  'barcode',
  'source',
  'receiptAct',
  'note',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/** What each column is, for the `--detect` output and the docs. */
export const COLUMN_MEANINGS: Readonly<Record<ColumnId, string>> = {
  inventoryNumber: 'inventory number, or a range of them for a batch row (48213-48217)',
  author: 'author heading (Әуезов М.)',
  title: 'title of the edition',
  year: 'year of publication',
  publisher: 'publisher',
  place: 'place of publication',
  isbn: 'ISBN',
  bbk: 'BBK index',
  udc: 'UDC index',
  price: 'price of one copy, tenge',
  quantity: 'number of copies the row stands for (empty = 1)',
  sum: 'sum of the row, tenge (price × quantity)',
  dateReceived: 'date the copy was received',
  batch: 'accession batch: the line of the accession register (КСУ)',
  branch: 'library or branch holding the copy',
  department: 'department inside the library',
  language: 'language of the edition (каз, рус, kaz, казахский …)',
  barcode: 'barcode or RFID',
  source: 'source of acquisition',
  receiptAct: 'number of the receipt document',
  note: 'note',
};

/** Headings seen in 1C and spreadsheet exports (see `../shared/domain/accounting.md`), Russian and Kazakh. */
export const COLUMN_HEADINGS: Readonly<Record<ColumnId, readonly string[]>> = {
  inventoryNumber: ['Инвентарный номер', 'Инв. номер', 'Инв. №', 'Инв.№', '№ инв.', 'Инв', 'Инвентарный №', 'Инв номер', 'Түгендеу нөмірі', 'Инвентарлық нөмір', 'Инв. нөмірі', 'inventory_number', 'inv', 'INVNUM', 'INV_NUM', 'INVNOM', 'INV_NOM', 'INVNOMER'],
  author: ['Автор', 'Авторы', 'Автор(ы)', 'Авторлар', 'author', 'AVTOR', 'AUTHOR'],
  title: ['Заглавие', 'Наименование', 'Название', 'Автор, заглавие', 'Заглавие документа', 'Наименование документа', 'Атауы', 'Тақырыбы', 'title', 'ZAGL', 'ZAGLAVIE', 'NAZV', 'NAIMEN', 'TITLE'],
  year: ['Год издания', 'Год', 'Год изд.', 'Шыққан жылы', 'Басылым жылы', 'Жылы', 'year', 'GOD', 'GOD_IZD', 'YEAR'],
  publisher: ['Издательство', 'Изд-во', 'Издатель', 'Баспа', 'publisher', 'IZDAT', 'IZD'],
  place: ['Место издания', 'Город', 'Шыққан жері', 'place'],
  isbn: ['ISBN', 'МСКН', 'isbn'],
  bbk: ['ББК', 'Индекс ББК', 'Шифр ББК', 'КБЖ', 'bbk'],
  udc: ['УДК', 'Индекс УДК', 'ӘОЖ', 'udc'],
  price: ['Цена', 'Стоимость', 'Цена, тг', 'Цена, тенге', 'Цена за экз.', 'Бағасы', 'Құны', 'price', 'CENA', 'TSENA', 'PRICE'],
  quantity: ['Количество', 'Кол-во', 'Кол.', 'Кол-во экз.', 'Экз.', 'Экземпляров', 'Саны', 'quantity', 'KOLVO', 'KOL', 'QTY'],
  sum: ['Сумма', 'Сумма, тг', 'Сумма, тенге', 'Итого сумма', 'Сомасы', 'sum', 'SUMMA', 'SUM'],
  dateReceived: ['Дата поступления', 'Дата', 'Дата прихода', 'Дата записи', 'Түскен күні', 'date_received', 'DATA', 'DATA_POST', 'DATE'],
  batch: ['№ КСУ', 'Номер записи КСУ', 'Партия', 'КСУ', '№ записи КСУ', 'Партия поступления', 'ЖЕК', 'batch', 'KSU', 'PARTIA'],
  branch: ['Филиал', 'Подразделение', 'Место хранения', 'Сигла', 'Библиотека', 'Структурное подразделение', 'Филиалы', 'Сақталу орны', 'Бөлімше', 'branch', 'FILIAL', 'SIGLA', 'PODR'],
  department: ['Отдел', 'Отдел хранения', 'Фонд', 'Бөлім', 'department'],
  language: ['Язык', 'Язык издания', 'Тілі', 'Тіл', 'language', 'YAZYK', 'JAZYK', 'LANG'],
  barcode: ['Штрихкод', 'Штрих-код', 'Штрихкод/RFID', 'RFID', 'Штрихкоды', 'barcode'],
  source: ['Источник поступления', 'Источник', 'Поставщик', 'Түсу көзі', 'source'],
  receiptAct: ['Сопроводительный документ', 'Документ поступления', '№ накладной', 'Накладная', 'Акт поступления', 'receipt_act'],
  note: ['Примечание', 'Примечания', 'Ескерту', 'note'],
};

/** A heading as comparisons see it: lower case, ё → е, «№» and punctuation as spaces, runs of spaces as one. */
export function normalizeHeading(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0\u202f.,:;№#()"«»'*_\-/\\]+/gu, ' ')
    .trim();
}

const BY_HEADING: ReadonlyMap<string, ColumnId> = (() => {
  const map = new Map<string, ColumnId>();
  for (const id of COLUMN_IDS) for (const h of COLUMN_HEADINGS[id]) if (!map.has(normalizeHeading(h))) map.set(normalizeHeading(h), id);
  return map;
})();

/** The column a heading names, or undefined for a heading kitap does not know. */
export function columnOfHeading(heading: string): ColumnId | undefined {
  const key = normalizeHeading(heading);
  if (key === '') return undefined;
  return BY_HEADING.get(key);
}
