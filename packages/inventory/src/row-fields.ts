import type { Code } from '@kitap/core';
import { parseDate, parseMoney } from '@kitap/holdings';
import { z } from 'zod';
import { BoundedCache } from './bounded-cache.js';
import type { ColumnId } from './columns.js';

/*
 * One zod schema per column: each turns the cell's text into a value or adds
 * an issue that carries the stable reject code in `params.code`. The schemas
 * run on every row; which issues reject the row depends on what kind of row it
 * is (a money-only group card needs no title).
 */

/** The issue a field schema raises: the code, and the column through the issue's path. */
export interface FieldIssue {
  code: Code;
  column: ColumnId;
  message: string;
}

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, code: Code, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, params: { code } });
  return z.NEVER;
}

const text = z.string().transform((v) => {
  const t = v.replace(/[\s\u00a0\u202f]+/gu, ' ').trim();
  return t === '' ? undefined : t;
});

const money = z.string().transform((v, ctx): number | undefined => {
  const t = v.trim();
  if (t === '') return undefined;
  const parsed = parseMoney(t);
  return parsed.ok ? parsed.tiyn : fail(ctx, 'E_ROW_PRICE', `"${t}" is not an amount of money: ${parsed.reason}`);
});

const quantity = z.string().transform((v, ctx): number | undefined => {
  const t = v.trim().replace(/\s*(экз\.?|дана)$/iu, '');
  if (t === '') return undefined;
  if (!/^\d{1,6}$/.test(t) || Number(t) === 0) return fail(ctx, 'E_ROW_QUANTITY', `"${v.trim()}" is not a whole number of copies`);
  return Number(t);
});

const THIS_YEAR = new Date().getUTCFullYear();
const year = z.string().transform((v, ctx): number | undefined => {
  const t = v.trim();
  if (t === '') return undefined;
  const m = /^(?:\[?c?)(\d{4})(?:\]?\s*(?:г\.?|ж\.?|год)?)$/iu.exec(t);
  const y = m ? Number(m[1]) : NaN;
  if (!(y >= 1450 && y <= THIS_YEAR + 1)) return fail(ctx, 'E_ROW_YEAR', `"${t}" is not a year of publication`);
  return y;
});

const date = z.string().transform((v, ctx): string | undefined => {
  const t = v.trim();
  if (t === '') return undefined;
  const iso = parseDate(t);
  return iso ?? fail(ctx, 'E_ROW_DATE', `"${t}" is not a real date (DD.MM.YYYY or YYYY-MM-DD)`);
});

/** Every column's schema; a column the export lacks is parsed from ''. */
export const rowFieldsSchema = z.object({
  inventoryNumber: text,
  author: text,
  title: text,
  year,
  publisher: text,
  place: text,
  isbn: text,
  bbk: text,
  udc: text,
  price: money,
  quantity,
  sum: money,
  dateReceived: date,
  batch: text,
  branch: text,
  department: text,
  language: text,
  barcode: text,
  source: text,
  receiptAct: text,
  note: text,
});
export type RowFields = z.output<typeof rowFieldsSchema>;

const SHAPE = rowFieldsSchema.shape as Record<string, z.ZodType>;
const KEYS = Object.keys(SHAPE);
const TEXT_COLUMNS = new Set(Object.entries(SHAPE).filter(([, schema]) => schema === text).map(([key]) => key));

/** Whitespace runs (NBSP and narrow NBSP included) as one space, trimmed; empty → undefined. What `text` does, without zod's per-call cost. */
function cleanText(v: string): string | undefined {
  const t = /[\s\u00a0\u202f]{2,}|[\u00a0\u202f\t\r\n]/u.test(v) ? v.replace(/[\s\u00a0\u202f]+/gu, ' ').trim() : v.trim();
  return t === '' ? undefined : t;
}

type CellResult = { ok: true; value: unknown } | { ok: false; issues: { code: Code; message: string }[] };

// Prices, quantities, years and dates repeat from row to row: each distinct cell text is validated
// by its zod schema once, and the answer kept (a bounded cache per column).
const caches = new Map<string, BoundedCache<string, CellResult>>();

function validateCell(key: string, cell: string): CellResult {
  const parsed = SHAPE[key]!.safeParse(cell);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: parsed.error.issues.map((issue) => ({ code: ((issue as { params?: { code?: Code } }).params?.code ?? 'E_ROW_PARSE') as Code, message: issue.message })) };
}

function parseCell(key: string, cell: string): CellResult {
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new BoundedCache(5000)));
  return cache.through(cell, (text) => validateCell(key, text));
}

/**
 * Parses the cells of a row column by column: an empty cell is undefined; a
 * free-text cell is cleaned of extra spaces; every other cell (money,
 * quantity, year, date) is validated by its zod schema, whose issue carries
 * the reject code. Returns the values that parsed and the issues of those
 * that did not, so the caller can tell a money-only group card (no title
 * needed) from a copy (title needed).
 */
export function parseRowFields(cells: Partial<Record<ColumnId, string>>): { fields: Partial<RowFields>; issues: FieldIssue[] } {
  const fields: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  // In the schema's order, so the first issue of a row does not depend on the order of the export's columns.
  for (const key of KEYS) {
    const cell = cells[key as ColumnId];
    if (cell === undefined || cell === '') continue;
    if (TEXT_COLUMNS.has(key)) {
      const t = cleanText(cell);
      if (t !== undefined) fields[key] = t;
      continue;
    }
    const parsed = parseCell(key, cell);
    if (parsed.ok) {
      if (parsed.value !== undefined) fields[key] = parsed.value;
      continue;
    }
    for (const issue of parsed.issues) issues.push({ ...issue, column: key as ColumnId });
  }
  return { fields: fields as Partial<RowFields>, issues };
}
