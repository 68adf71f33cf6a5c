import { readFile } from 'node:fs/promises';
import { KitapError } from '@kitap/core';
import { type ResolvedInventoryNumberOptions, inventoryNumberOptionsSchema } from '@kitap/holdings';
import { z } from 'zod';
import { COLUMN_IDS, type ColumnId, columnOfHeading } from './columns.js';

/** A column named by its heading text, or by its 1-based position. */
const columnRef = z.union([z.string().min(1), z.number().int().min(1)]);

/**
 * The mapping file: which column of the export holds what. `kitap inventory
 * --detect` writes one to edit; `--mapping <file>` reads it back. Every key is
 * optional except `columns.title`; what is not given is detected.
 */
export const mappingSchema = z
  .object({
    /** For editors that read JSON Schema; ignored. */
    $schema: z.string().optional(),
    /** A sentence for the person who edits the file; ignored. */
    comment: z.string().optional(),
    format: z.enum(['csv', 'xlsx', 'dbf', 'xml']).optional(),
    encoding: z.string().optional(),
    delimiter: z.string().length(1).optional(),
    sheet: z.union([z.string(), z.number().int().min(1)]).optional(),
    xmlRow: z.string().optional(),
    /** The 1-based line (sheet row) of the header; rows above it are titles and are not data. */
    headerLine: z.number().int().min(1).optional(),
    columns: z.partialRecord(z.enum(COLUMN_IDS), columnRef).default({}),
    /** Values for rows that leave a column empty (e.g. the branch of a one-library export). */
    defaults: z
      .object({ branch: z.string().optional(), department: z.string().optional(), language: z.string().optional() })
      .strict()
      .default({}),
    /** Normalisation of inventory numbers (see docs/branches-and-inventory-numbers.md); checked by `inventoryOptions`. */
    inventoryNumbers: z.record(z.string(), z.unknown()).optional(),
    /** Rows whose first non-empty cell matches one of these (case-insensitive) are totals, not data. */
    totals: z.array(z.string()).default(['^\\s*(итого|всего|барлығы|жиыны|total)(?!\\p{L})']),
    /** Headings of the export that no column takes; written by `--detect` for the reader. */
    unmappedHeadings: z.array(z.string()).optional(),
  })
  .strict();
export type Mapping = z.infer<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

/** The resolved mapping: for each column, its 0-based cell index. */
export interface ColumnIndexes {
  headerLine: number | undefined;
  columns: Partial<Record<ColumnId, number>>;
  /** Headings found in the header that no column takes. */
  unmapped: string[];
  /** Columns named by the mapping file that the header does not have. */
  missing: { column: ColumnId; heading: string }[];
}

/** Reads and validates a mapping file (JSON); a bad file is an E_MAPPING error naming the key. */
export async function loadMapping(path: string): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new KitapError('E_INPUT', `cannot read the mapping file: ${(error as Error).message}`, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new KitapError('E_MAPPING', `the mapping file is not JSON: ${(error as Error).message}`, { file: path });
  }
  return parseMapping(json, path);
}

export function parseMapping(json: unknown, file?: string): Mapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new KitapError('E_MAPPING', `the mapping file is not valid at ${where}: ${issue.message}`, file === undefined ? {} : { file });
  }
  const numbers = inventoryNumberOptionsSchema.safeParse(withInventoryDefaults(parsed.data.inventoryNumbers));
  if (!numbers.success) {
    const issue = numbers.error.issues[0]!;
    throw new KitapError('E_MAPPING', `the mapping file is not valid at inventoryNumbers.${issue.path.join('.')}: ${issue.message}`, file === undefined ? {} : { file });
  }
  return parsed.data;
}

/**
 * The inventory number options of a mapping, with the inventory command's own
 * default: inventory numbers are unique across the whole library system
 * (accounting.md), so «ЦГБ-48213» and «48213» are one number and a branch code
 * in front is not part of the key, unless the mapping says `"branchPrefixes": "keep"`.
 */
function withInventoryDefaults(options: Record<string, unknown> | undefined): Record<string, unknown> {
  return { branchPrefixes: 'strip', ...(options ?? {}) };
}

/** The resolved inventory number options of a mapping. */
export function inventoryOptions(mapping: Mapping): ResolvedInventoryNumberOptions {
  return inventoryNumberOptionsSchema.parse(withInventoryDefaults(mapping.inventoryNumbers));
}

/** How many of a row's cells are known headings. */
function knownHeadings(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (columnOfHeading(c) !== undefined) n++;
  return n;
}

/**
 * Finds the header among the first rows of a table: the first row with the
 * most known headings (at least two). Titles above the header («Инвентарная
 * книга …») hold none.
 */
export function findHeader(rows: readonly { line: number; cells: readonly string[] }[]): { line: number; cells: readonly string[] } | undefined {
  let best: { line: number; cells: readonly string[] } | undefined;
  let bestCount = 1;
  for (const row of rows) {
    const n = knownHeadings(row.cells);
    if (n > bestCount) {
      best = row;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Resolves the mapping against the header cells: columns the file names (by
 * heading or position) first, then detection by heading for the rest. The
 * first cell with a heading wins; a later cell with the same heading is
 * listed as unmapped.
 */
export function resolveColumns(header: readonly string[], headerLine: number | undefined, mapping: Mapping): ColumnIndexes {
  const columns: Partial<Record<ColumnId, number>> = {};
  const taken = new Set<number>();
  const missing: { column: ColumnId; heading: string }[] = [];
  for (const id of COLUMN_IDS) {
    const ref = mapping.columns[id];
    if (ref === undefined) continue;
    let index: number;
    if (typeof ref === 'number') index = ref - 1;
    else {
      const want = ref.trim().toLowerCase();
      index = header.findIndex((h) => h.trim().toLowerCase() === want);
    }
    if (index < 0 || (typeof ref === 'number' && index >= Math.max(header.length, 1) && header.length > 0)) {
      missing.push({ column: id, heading: String(ref) });
      continue;
    }
    columns[id] = index;
    taken.add(index);
  }
  const unmapped: string[] = [];
  header.forEach((cell, index) => {
    if (taken.has(index) || cell.trim() === '') return;
    const id = columnOfHeading(cell);
    if (id !== undefined && columns[id] === undefined && mapping.columns[id] === undefined) {
      columns[id] = index;
      taken.add(index);
    } else unmapped.push(cell.trim());
  });
  return { headerLine, columns, unmapped, missing };
}

/** A mapping file for `--detect`: the header line and every detected column by its heading text. */
export function mappingFileFor(header: readonly string[], indexes: ColumnIndexes, base: { format: string; encoding?: string | undefined; delimiter?: string | undefined }): MappingInput {
  const columns: Partial<Record<ColumnId, string | number>> = {};
  for (const id of COLUMN_IDS) {
    const i = indexes.columns[id];
    if (i === undefined) continue;
    const heading = header[i]?.trim();
    columns[id] = heading ? heading : i + 1;
  }
  const out: MappingInput = {
    comment: 'Detected by kitap inventory --detect. Edit the headings (or 1-based column numbers) and pass the file with --mapping.',
    format: base.format as 'csv',
  };
  if (base.encoding) out.encoding = base.encoding;
  if (base.delimiter) out.delimiter = base.delimiter;
  if (indexes.headerLine !== undefined) out.headerLine = indexes.headerLine;
  out.columns = columns;
  out.defaults = {};
  if (indexes.unmapped.length) out.unmappedHeadings = indexes.unmapped;
  return out;
}
