/**
 * The columns of act tables and the headings that name them: the English
 * names of the flat layout (`act_number`, `inventory_number` …) and the
 * Russian and Kazakh headings of spreadsheets and paper forms («№ акта»,
 * «Инв. №», «Автор, заглавие» …). Headings are compared after
 * `normalizeHeading` of @kitap/inventory: case, «№», punctuation and `_` do
 * not matter.
 */
import { COLUMN_HEADINGS, normalizeHeading } from '@kitap/inventory';

/** Every column an act table may have. */
export const ACT_COLUMN_IDS = [
  'actNumber',
  'actDate',
  'actType',
  'reason',
  'fromBranch',
  'toBranch',
  'inventoryNumber',
  'author',
  'title',
  'authorTitle',
  'year',
  'price',
  'statedCopies',
  'statedSum',
  'quantity',
  'sum',
  'ordinal',
] as const;
/** One of ACT_COLUMN_IDS. */
export type ActColumnId = (typeof ACT_COLUMN_IDS)[number];

/** The headings of each column; the first is the flat layout's own name. */
export const ACT_COLUMN_HEADINGS: Readonly<Record<ActColumnId, readonly string[]>> = {
  actNumber: ['act_number', '№ акта', 'Номер акта', 'Акт №', 'Акт', 'Акт нөмірі', 'act_no'],
  actDate: ['act_date', 'Дата акта', 'Дата', 'Акт күні', 'Күні'],
  actType: ['act_type', 'Вид акта', 'Тип акта', 'Вид', 'Акт түрі'],
  reason: ['reason', 'Причина', 'Причина списания', 'Причина выбытия', 'Себебі', 'Есептен шығару себебі'],
  fromBranch: ['from_branch', 'Откуда', 'Филиал', 'Библиотека', 'Подразделение', 'Структурное подразделение', 'Передающая сторона', 'Сдал', 'Кітапхана'],
  toBranch: ['to_branch', 'Куда', 'Кому', 'Получатель', 'Принимающая сторона', 'Принял', 'Кімге'],
  inventoryNumber: ['inventory_number', ...COLUMN_HEADINGS.inventoryNumber],
  author: ['author', 'Автор', 'Авторы', 'Автор(ы)', 'Авторлар'],
  title: ['title', 'Заглавие', 'Наименование', 'Название', 'Заглавие документа', 'Наименование документа', 'Атауы'],
  authorTitle: ['Автор, заглавие', 'Автор и заглавие', 'Автор, название', 'Автор, наименование', 'Автор/заглавие', 'Автор, заглавие документа', 'Авторы, заглавие', 'Автор, атауы'],
  year: ['year', 'Год', 'Год издания', 'Год изд.', 'Жылы', 'Шыққан жылы'],
  price: ['price', 'Цена', 'Стоимость', 'Цена, тг', 'Цена, тенге', 'Цена за экз.', 'Цена экз.', 'Бағасы', 'Құны'],
  statedCopies: ['stated_copies', 'Кол-во по акту', 'Всего экз. по акту', 'Экз. по акту', 'Количество по акту'],
  statedSum: ['stated_sum', 'Сумма по акту', 'Итого по акту'],
  quantity: ['quantity', 'Кол-во', 'Количество', 'Кол-во экз.', 'Экз.', 'Саны'],
  sum: ['sum', 'Сумма', 'Сумма, тг', 'Сумма, тенге', 'Сомасы'],
  ordinal: ['№ п/п', 'п/п', 'Р/с', 'Реттік №'],
};

const BY_HEADING: ReadonlyMap<string, ActColumnId> = (() => {
  const map = new Map<string, ActColumnId>();
  for (const id of ACT_COLUMN_IDS) {
    for (const heading of ACT_COLUMN_HEADINGS[id]) {
      const key = normalizeHeading(heading);
      if (key !== '' && !map.has(key)) map.set(key, id);
    }
  }
  return map;
})();

/** The act column a heading names, or undefined. */
export function actColumnOf(heading: string): ActColumnId | undefined {
  const key = normalizeHeading(heading);
  return key === '' ? undefined : BY_HEADING.get(key);
}

/** Where each known column is in a header row (0-based); the first cell with a heading wins. */
export type ActColumns = Partial<Record<ActColumnId, number>>;

/** The known columns of a header row. */
export function actColumnsOf(cells: readonly string[]): ActColumns {
  const columns: ActColumns = {};
  cells.forEach((cell, index) => {
    const id = actColumnOf(cell);
    if (id !== undefined && columns[id] === undefined) columns[id] = index;
  });
  return columns;
}

/** A flat act table's header: it names the act number and the inventory number. */
export function isFlatHeader(columns: ActColumns): boolean {
  return columns.actNumber !== undefined && columns.inventoryNumber !== undefined;
}

/** A paper form's table header: inventory numbers with titles, prices or line numbers, and no act number column. */
export function isFormTableHeader(columns: ActColumns): boolean {
  if (columns.inventoryNumber === undefined || columns.actNumber !== undefined) return false;
  return columns.title !== undefined || columns.authorTitle !== undefined || columns.author !== undefined || columns.price !== undefined || columns.ordinal !== undefined;
}

/** The trimmed text of a column's cell in a row, '' when the column is absent. */
export function cellOf(cells: readonly string[], columns: ActColumns, id: ActColumnId): string {
  const index = columns[id];
  return index === undefined ? '' : (cells[index] ?? '').trim();
}
