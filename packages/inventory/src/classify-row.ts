import type { Code } from '@kitap/core';
import { type BranchDirectory, type InventoryNumberOptions, expandInventoryRange, parseInventoryNumber } from '@kitap/holdings';
import { markLostLetters } from '@kitap/text';
import type { ColumnId } from './columns.js';
import { languageCode } from './language.js';
import { volumeInTitle } from './volume-in-title.js';
import { BoundedCache } from './bounded-cache.js';
import { DEFAULT_RECORD_SHAPE, MAX_FIELD_BYTES, type RecordShape, oversizedField } from './field-fit.js';
import { type FieldIssue, type RowFields, parseRowFields } from './row-fields.js';

/** What the edition of a row says (the catalog side of the row). */
export interface EditionData {
  author?: string;
  /** The title without a volume number at its end (that is in `volume`). */
  title: string;
  /** The volume or part the title named at its end («3-т.», «Кн. 2»). */
  volume?: string;
  year?: number;
  publisher?: string;
  place?: string;
  isbn?: string;
  bbk?: string;
  udc?: string;
  language?: string;
}

/** One copy a row stands for. */
export interface RowCopy {
  /** The inventory number as the export writes it (or as a range expanded it). */
  inventoryNumber: string;
  /** The normalised number that uniqueness is checked on. */
  key: string;
  /** Price in tiyn. */
  price: number;
}

interface RowBase {
  line: number;
  offset?: number;
  raw: string;
}

/** A row of copies: one, or several from a range of inventory numbers. */
export interface CopyRow extends RowBase {
  kind: 'copies';
  branch: string;
  branchText: string;
  department?: string;
  copies: RowCopy[];
  /** Money of the row in tiyn (the sum of the copies' prices). */
  money: number;
  /** True when the row's inventory numbers came from a range. */
  expanded: boolean;
  /** Shared, frozen, by the rows that describe the edition alike (see `editionOf`). */
  edition: Readonly<EditionData>;
  dateReceived?: string;
  batch?: string;
  barcode?: string;
  source?: string;
  receiptAct?: string;
  note?: string;
  /** Kazakh letters lost as "?" in the title, author, publisher and place. */
  lostLetters: number;
}

/** A row that describes a batch or a sum, not copies: counted apart, never turned into copies. */
export interface BatchRow extends RowBase {
  kind: 'batch';
  reason: 'no-inventory-numbers' | 'money-only';
  copies: number;
  money: number;
  branch: string;
  title?: string;
  batch?: string;
}

/** A row that cannot be used, with the reason. */
export interface RejectRow extends RowBase {
  kind: 'reject';
  code: Code;
  column?: ColumnId;
  message: string;
  /** Copies the row claims: its quantity (0 when unreadable), else the size of its range, or 1. */
  copies: number;
  /** The money of the row that could be read, in tiyn (0 when none could). */
  money: number;
  branch: string;
}

/** A totals row («Итого:»): not data. */
export interface TotalRow extends RowBase {
  kind: 'total';
}

export type RowOutcome = CopyRow | BatchRow | RejectRow | TotalRow;

/** What classifying a row needs to know. */
export interface RowContext {
  columns: Partial<Record<ColumnId, number>>;
  branches: BranchDirectory;
  inventoryNumbers: InventoryNumberOptions;
  totals: readonly RegExp[];
  defaults: { branch?: string | undefined; department?: string | undefined; language?: string | undefined };
  /** How records.mrc is written, to reject rows whose fields ISO2709 cannot hold (default: MARC21 with 852/876). */
  record?: RecordShape | undefined;
}

/** The branch code of rows whose branch is unknown, in money reports. */
export const UNKNOWN_BRANCH = '?';

// The columns of a layout as a list, made once per layout rather than once per row.
const columnLists = new WeakMap<Partial<Record<ColumnId, number>>, [ColumnId, number][]>();

/** The cells of a row by column. */
export function cellsByColumn(cells: readonly string[], columns: Partial<Record<ColumnId, number>>): Partial<Record<ColumnId, string>> {
  let list = columnLists.get(columns);
  if (!list) columnLists.set(columns, (list = Object.entries(columns) as [ColumnId, number][]));
  const out: Partial<Record<ColumnId, string>> = {};
  for (const [id, index] of list) out[id] = cells[index] ?? '';
  return out;
}

/** True when a row has no text at all. */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/**
 * Decides what a data row is and turns it into copies, a batch, a total or a
 * reject. The rules, in order:
 * 1. a row whose first non-empty cell reads «Итого»/«Всего» is a total;
 * 2. a row with no inventory number is a batch: a money-only group card when
 *    it has no title, else a batch of copies without numbers;
 * 3. an inventory number that is a range («50101-50105») stands for one copy
 *    per number, and the quantity (if given) must equal the range's size;
 *    a single number stands for one copy (a quantity above 1 is an error);
 * 4. a copy needs a title, a known branch and a price (or a sum to divide);
 * 5. the row's fields must fit in ISO2709 (9,999 bytes a field).
 * Duplicate inventory numbers are checked later, across the whole export.
 */
export function classifyRow(row: { line: number; offset?: number | undefined; cells: readonly string[]; raw: string }, ctx: RowContext): RowOutcome {
  // Every outcome is built as one object literal with its place first: properties after a spread
  // (`{ ...base, kind }`) are defined one runtime call at a time, which cost ~20 µs a row.
  const { line, raw } = row;
  const withOffset = <T extends RowOutcome>(out: T): T => {
    if (row.offset !== undefined) out.offset = row.offset;
    return out;
  };
  const first = row.cells.find((c) => c.trim() !== '')?.trim() ?? '';
  if (ctx.totals.some((re) => re.test(first))) return withOffset({ line, raw, kind: 'total' });

  const cells = cellsByColumn(row.cells, ctx.columns);
  const { fields, issues } = parseRowFields(cells);
  const issueOf = (column: ColumnId): FieldIssue | undefined => issues.find((i) => i.column === column);
  const branchText = fields.branch ?? ctx.defaults.branch;
  const branch = branchText === undefined ? undefined : ctx.branches.resolve(branchText);
  const branchCode = branch?.code ?? UNKNOWN_BRANCH;

  // The row's money, as far as it can be read: the sum, else price × quantity.
  const quantity = fields.quantity;
  const readableMoney = (copies: number): number => fields.sum ?? (fields.price !== undefined ? fields.price * copies : 0);
  // The copies a rejected row stands for, as the export claims them: its quantity when that is a
  // whole number (0 included), else what its inventory numbers stand for when the quantity is empty,
  // else 0 (an unreadable quantity claims nothing; the reject says why).
  const quantityCell = (cells.quantity ?? '').trim();
  const claimed = (fallback: number): number => (quantityCell === '' ? fallback : /^\d{1,6}$/.test(quantityCell) ? Number(quantityCell) : 0);
  const reject = (issue: { code: Code; column?: ColumnId; message: string }, fallback: number): RejectRow => {
    const copies = claimed(fallback);
    const out: RejectRow = withOffset({ line, raw, kind: 'reject', code: issue.code, message: issue.message, copies, money: readableMoney(copies), branch: branchCode });
    if (issue.column !== undefined) out.column = issue.column;
    return out;
  };
  const moneyIssue = issueOf('sum') ?? issueOf('price');

  // 2. Batches: no inventory number.
  if (fields.inventoryNumber === undefined && !issueOf('inventoryNumber')) {
    const copies = quantity ?? 1;
    const quantityIssue = issueOf('quantity');
    if (quantityIssue) return reject(quantityIssue, 1);
    if (moneyIssue) return reject(moneyIssue, copies);
    const title = fields.title;
    const batch: BatchRow = withOffset({
      line,
      raw,
      kind: 'batch',
      reason: title === undefined && fields.author === undefined ? 'money-only' : 'no-inventory-numbers',
      copies,
      money: readableMoney(copies),
      branch: branchCode,
    });
    if (title !== undefined) batch.title = title;
    if (fields.batch !== undefined) batch.batch = fields.batch;
    return batch;
  }

  // 3. Inventory numbers: a range or one number.
  const invText = fields.inventoryNumber ?? '';
  const range = expandInventoryRange(invText, ctx.inventoryNumbers);
  let numbers: string[];
  let expanded = false;
  if (range === undefined) numbers = [invText];
  else if (!range.ok) return reject({ code: 'E_ROW_INVENTORY_NUMBER', column: 'inventoryNumber', message: `"${invText}" is not a valid range of inventory numbers: ${range.reason}` }, quantity ?? 1);
  else {
    numbers = range.numbers;
    expanded = true;
  }
  const copiesCount = numbers.length;
  const quantityIssue = issueOf('quantity');
  if (quantityIssue) return reject(quantityIssue, copiesCount);
  if (quantity !== undefined && quantity !== copiesCount) {
    const message = expanded
      ? `the quantity ${quantity} differs from the ${copiesCount} inventory numbers of the range "${invText}"`
      : `the quantity ${quantity} is more than one copy, but the row has one inventory number "${invText}"`;
    return reject({ code: 'E_ROW_QUANTITY', column: 'quantity', message }, copiesCount);
  }
  const keys: string[] = [];
  for (const n of numbers) {
    const parsed = parseInventoryNumber(n, ctx.inventoryNumbers, ctx.branches);
    if (!parsed.ok) return reject({ code: 'E_ROW_INVENTORY_NUMBER', column: 'inventoryNumber', message: `"${n}" is not a valid inventory number: ${parsed.reason}` }, copiesCount);
    keys.push(parsed.value.key);
  }

  // 4. Everything else a copy needs, in the order of the columns.
  const firstIssue = issues.find((i) => i.column !== 'inventoryNumber' && i.column !== 'quantity');
  if (firstIssue) return reject(firstIssue, copiesCount);
  if (fields.title === undefined) return reject({ code: 'E_ROW_TITLE_MISSING', column: 'title', message: 'the row has no title' }, copiesCount);
  if (branch === undefined) {
    const message = branchText === undefined ? 'the row names no branch and the mapping gives no default' : `"${branchText}" is not a branch of the directory`;
    return reject({ code: 'E_ROW_BRANCH_UNKNOWN', column: 'branch', message }, copiesCount);
  }
  let prices: number[];
  if (fields.price !== undefined) {
    if (fields.sum !== undefined && fields.sum !== fields.price * copiesCount) {
      return reject({ code: 'E_ROW_SUM', column: 'sum', message: `the sum ${tenge(fields.sum)} differs from the price ${tenge(fields.price)} × ${copiesCount} = ${tenge(fields.price * copiesCount)}` }, copiesCount);
    }
    prices = numbers.map(() => fields.price!);
  } else if (fields.sum !== undefined) prices = divide(fields.sum, copiesCount);
  else return reject({ code: 'E_ROW_PRICE', column: 'price', message: 'the row has no price and no sum' }, copiesCount);

  const { edition, lostLetters } = editionOf(fields as RowFields & { title: string }, ctx.defaults.language);

  const out: CopyRow = withOffset({
    line,
    raw,
    kind: 'copies',
    branch: branch.code,
    branchText: branchText!,
    copies: numbers.map((n, i) => ({ inventoryNumber: n, key: keys[i]!, price: prices[i]! })),
    money: prices.reduce((a, b) => a + b, 0),
    expanded,
    edition,
    lostLetters,
  });
  const departmentText = fields.department ?? ctx.defaults.department;
  if (departmentText !== undefined) out.department = ctx.branches.department(branch, departmentText)?.code ?? departmentText;
  if (fields.dateReceived !== undefined) out.dateReceived = fields.dateReceived;
  if (fields.batch !== undefined) out.batch = fields.batch;
  if (fields.barcode !== undefined) out.barcode = fields.barcode;
  if (fields.source !== undefined) out.source = fields.source;
  if (fields.receiptAct !== undefined) out.receiptAct = fields.receiptAct;
  if (fields.note !== undefined) out.note = fields.note;

  // 5. A field of its record or copies longer than ISO2709 holds: the row cannot be written.
  const oversized = oversizedField(out, ctx.record ?? DEFAULT_RECORD_SHAPE);
  if (oversized !== undefined) {
    const column = longestColumn(cells);
    const where = column === undefined ? '' : ` (the ${column} cell is ${Buffer.byteLength(cells[column] ?? '', 'utf8')} bytes)`;
    const issue = { code: 'E_FIELD_TOO_LONG' as const, message: `field ${oversized.tag} would be ${oversized.bytes} bytes${where}; ISO2709 allows ${MAX_FIELD_BYTES.toLocaleString('en')} in a field` };
    return reject(column === undefined ? issue : { ...issue, column }, copiesCount);
  }
  return out;
}

/** The mapped column with the longest cell (the one that makes a field too long). */
function longestColumn(cells: Partial<Record<ColumnId, string>>): ColumnId | undefined {
  let best: ColumnId | undefined;
  let length = 0;
  for (const [column, text] of Object.entries(cells) as [ColumnId, string][]) {
    if (text.length > length) {
      best = column;
      length = text.length;
    }
  }
  return best;
}

// The rows of one edition repeat its description: each distinct description is turned into edition
// data once (a bounded cache), and the rows that repeat it share that one object, frozen, so what is
// derived from it (edition keys, its JSON for the store) is worked out once too.
const editionCache = new BoundedCache<string, { edition: EditionData; lostLetters: number }>(5000);

/** The edition a row describes (title without its volume, imprint split, language), and its letters lost as "?". */
function editionOf(fields: RowFields & { title: string }, defaultLanguage: string | undefined): { edition: EditionData; lostLetters: number } {
  const id = [fields.title, fields.author, fields.year, fields.publisher, fields.place, fields.isbn, fields.bbk, fields.udc, fields.language ?? defaultLanguage].join('\u0000');
  return editionCache.through(id, () => {
    const described = describeEdition(fields, defaultLanguage);
    return { edition: Object.freeze(standalone(described.edition)), lostLetters: described.lostLetters };
  });
}

/**
 * The edition with strings of its own. A cell is cut from its row's text (see `sources/csv.ts`), and
 * a cut keeps the whole text alive as long as it lives: an edition kept in the cache must not keep
 * its row. (Concatenating makes a new string, and cutting that flattens it into a copy.)
 */
function standalone(edition: EditionData): EditionData {
  const fields = edition as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (typeof value === 'string') fields[key] = ` ${value}`.slice(1);
  }
  return edition;
}

function describeEdition(fields: RowFields & { title: string }, defaultLanguage: string | undefined): { edition: EditionData; lostLetters: number } {
  const title = markLostLetters(fields.title);
  const author = fields.author === undefined ? undefined : markLostLetters(fields.author);
  const lostLetters = title.count + (author?.count ?? 0) + markLostLetters(fields.publisher ?? '').count + markLostLetters(fields.place ?? '').count;
  const split = volumeInTitle(fields.title);
  const edition: EditionData = { title: split.title };
  if (split.volume !== undefined) edition.volume = split.volume;
  if (fields.author !== undefined) edition.author = fields.author;
  if (fields.year !== undefined) edition.year = fields.year;
  if (fields.publisher !== undefined) edition.publisher = fields.publisher;
  if (fields.place !== undefined) edition.place = fields.place;
  if (fields.isbn !== undefined) edition.isbn = fields.isbn;
  if (fields.bbk !== undefined) edition.bbk = fields.bbk;
  if (fields.udc !== undefined) edition.udc = fields.udc;
  // «Алматы: Атамура» in the publisher column is the imprint: place, then publisher.
  const imprint = edition.place === undefined && edition.publisher !== undefined ? /^([^:;]{2,40}?)\s*:\s*(\S.*)$/u.exec(edition.publisher) : null;
  if (imprint) {
    edition.place = imprint[1]!.trim();
    edition.publisher = imprint[2]!.trim();
  }
  const language = languageCode(fields.language ?? defaultLanguage, fields.title, lostLetters);
  if (language !== undefined) edition.language = language;
  return { edition, lostLetters };
}

/** A sum split over n copies to the tiyn: the remainder goes one tiyn each to the first copies. */
export function divide(sum: number, n: number): number[] {
  const each = Math.floor(sum / n);
  const rest = sum - each * n;
  return Array.from({ length: n }, (_, i) => each + (i < rest ? 1 : 0));
}

function tenge(tiyn: number): string {
  return `${Math.floor(tiyn / 100)}.${String(tiyn % 100).padStart(2, '0')}`;
}
