import type { Finding } from '@kitap/core';
import { COPY_STATUSES, type CopyStatus, parseDate, parseInventoryNumber, parseMoney } from '@kitap/holdings';
import { type ColumnId, columnOfHeading, findHeader, normalizeHeading, openTable } from '@kitap/inventory';
import { withCase } from '../reader-cases.js';
import { languageGroupOf } from '../statistics/language-group.js';
import { subjectGroupOf } from '../statistics/subject-group-of.js';
import type { HoldingCopy } from './holding-copy.js';
import type { HoldingItem, ReadHoldingsOptions } from './read-holdings.js';

// Status words of copy lists (Web-RABIS and 1C exports, Russian and English), to the copy model's statuses.
const STATUS_WORDS: ReadonlyMap<string, CopyStatus> = new Map<string, CopyStatus>([
  ...COPY_STATUSES.map((s) => [s, s] as const),
  ['в фонде', 'available'], ['на полке', 'available'], ['доступен', 'available'], ['свободен', 'available'], ['активен', 'available'],
  ['выдан', 'on-loan'], ['на руках', 'on-loan'],
  ['списан', 'written-off'], ['исключен', 'written-off'], ['исключён', 'written-off'],
  ['передан', 'transferred'], ['выбыл', 'transferred'],
  ['утерян', 'lost'], ['утрачен', 'lost'],
  ['в пути', 'in-transit'], ['в переплете', 'bindery'], ['забронирован', 'reserved'],
]);
const STATUS_HEADINGS = new Set(['статус', 'состояние', 'status', 'state', 'күйі']);

/**
 * A copy list (CSV or XLSX, one row per copy) as holdings: the columns of
 * `kitap inventory` (Инв. №, Филиал, Цена, Дата поступления, ББК, УДК, Язык,
 * Заглавие) plus a status column («Статус»: в фонде, выдан, списан, передан …).
 * A row without a readable inventory number is a problem, never dropped silently.
 */
export async function* readCopyList(path: string, options: ReadHoldingsOptions): AsyncGenerator<HoldingItem> {
  const table = await openTable(path);
  const first: { line: number; cells: string[]; raw: string }[] = [];
  let columns: Partial<Record<ColumnId | 'status', number>> | undefined;
  let headerLine = 0;
  const settle = (): void => {
    const header = table.columns ? { line: 0, cells: table.columns } : findHeader(first);
    columns = {};
    headerLine = header?.line ?? 0;
    header?.cells.forEach((cell, i) => {
      const id = STATUS_HEADINGS.has(normalizeHeading(cell)) ? 'status' : columnOfHeading(cell);
      if (id !== undefined && columns![id] === undefined) columns![id] = i;
    });
  };
  const rows = async function* () {
    for await (const row of table.rows) yield row;
  };
  let index = -1;
  for await (const row of rows()) {
    if (!columns) {
      first.push(row);
      if (first.length < 40 && !table.columns) continue;
      settle();
      for (const held of first) yield* copyOfRow(held);
      continue;
    }
    yield* copyOfRow(row);
  }
  if (!columns) {
    settle();
    for (const held of first) yield* copyOfRow(held);
  }

  function* copyOfRow(row: { line: number; cells: string[]; raw: string }): Generator<HoldingItem> {
    index++;
    if (row.line <= headerLine || row.cells.every((c) => c.trim() === '')) return;
    const cell = (id: ColumnId | 'status'): string | undefined => {
      const i = columns![id];
      const v = i === undefined ? undefined : row.cells[i]?.trim();
      return v ? v : undefined;
    };
    const number = cell('inventoryNumber');
    const parsed = number === undefined ? undefined : parseInventoryNumber(number, options.inventoryNumbers, options.branches);
    if (!parsed?.ok) {
      const finding: Finding = withCase({ ruleId: 'HOLDINGS_COPY_INVALID', severity: 'warning', message: `line ${row.line}: the copy's inventory number cannot be read («${number ?? ''}»); it cannot be matched with act lines`, place: { file: path, line: row.line }, actual: number ?? '' }, 'copy-number-unreadable');
      yield { kind: 'problem', finding };
      return;
    }
    const bbk = cell('bbk');
    const udc = cell('udc');
    const title = cell('title');
    const language = cell('language');
    const copy: HoldingCopy = {
      key: parsed.value.key,
      inventoryNumber: number!,
      index,
      group: subjectGroupOf({ bbk: bbk ? [bbk] : [], udc: udc ? [udc] : [] }, options.rules).group,
      language: languageGroupOf({ languages: language ? [language.toLowerCase().startsWith('каз') || language.toLowerCase() === 'kaz' ? 'kaz' : language] : [], ...(title ? { title } : {}) }),
    };
    const branchText = cell('branch');
    if (branchText) copy.branch = options.branches.resolve(branchText)?.code ?? branchText;
    const status = cell('status');
    const known = status === undefined ? undefined : STATUS_WORDS.get(status.toLowerCase().replace(/ё/g, 'е').replace(/[.]$/, ''));
    if (known) copy.status = known;
    const price = cell('price');
    const money = price === undefined ? undefined : parseMoney(price);
    if (money?.ok) copy.price = money.tiyn;
    const received = cell('dateReceived');
    const date = received === undefined ? undefined : parseDate(received);
    if (date) copy.dateReceived = date;
    if (title) copy.title = title;
    yield { kind: 'copy', copy };
  }
}
