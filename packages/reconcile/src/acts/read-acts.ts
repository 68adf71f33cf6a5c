/**
 * Reads act files of both shapes — flat tables (CSV or XLSX, one row per act
 * line) and paper-form XLSX acts — into the act model. The shape is told per
 * file by the first header row found in its first rows: a row naming the act
 * number and the inventory number is a flat table's header; a row naming the
 * inventory number with titles or prices, under an «АКТ № …» title, is a
 * form's table. Whatever cannot be read becomes a finding, never an
 * exception. See docs/acts.md.
 */
import { isKitapError, type Finding } from '@kitap/core';
import type { BranchDirectory, InventoryNumberOptions } from '@kitap/holdings';
import { openTable, type TableRow } from '@kitap/inventory';
import type { Act } from './act.js';
import { actColumnsOf, isFlatHeader, isFormTableHeader } from './act-columns.js';
import { actFinding } from './act-finding.js';
import { listActFiles } from './act-files.js';
import { FlatActReader } from './flat-acts.js';
import { FormActReader } from './form-act.js';
import { findTitle } from './form-header.js';

/** Options of `readActs`. */
export interface ReadActsOptions {
  /** The libraries of the system: act libraries are resolved to their codes; a receiving party not in it is an outside institution. */
  branches: BranchDirectory;
  /** How inventory numbers are normalised; `branchPrefixes` defaults to 'strip' (numbers are unique across the system). */
  inventoryNumbers?: InventoryNumberOptions;
}

/** The acts read, in file order and, within a file, in the order they first appear; and what could not be read. */
export interface ReadActsResult {
  acts: Act[];
  problems: Finding[];
  /** Data rows that are no act line (no act number, an act type kitap does not know, a row that cannot be read): each has its finding. */
  rowsNotRead: number;
}

/** How many non-empty rows are searched for a header before a file is declared not an act. */
export const HEADER_SEARCH_ROWS = 60;

/**
 * Reads the acts in `paths` (files, or directories of .csv/.xlsx files).
 * Never throws for what a file holds: unreadable files, unknown shapes and
 * unreadable rows are problems (ACT_FILE_UNREADABLE, ACT_SHAPE_UNKNOWN,
 * ACT_LINE_INVALID, ACT_HEADER_INVALID, and ACT_TOTAL_MISMATCH for a form
 * whose «Итого» row disagrees with its lines). Throws KitapError('E_CONFIG')
 * only for invalid inventory number options.
 */
export async function readActs(paths: readonly string[], options: ReadActsOptions): Promise<ReadActsResult> {
  const inventoryNumbers: InventoryNumberOptions = { branchPrefixes: 'strip', ...options.inventoryNumbers };
  const { files, problems } = await listActFiles(paths);
  const acts: Act[] = [];
  let rowsNotRead = 0;
  for (const file of files) {
    const read = await readActFile(file, options.branches, inventoryNumbers);
    acts.push(...read.acts);
    problems.push(...read.problems);
    rowsNotRead += read.rowsNotRead;
  }
  return { acts, problems, rowsNotRead };
}

/** One file's acts and problems. */
async function readActFile(file: string, branches: BranchDirectory, inventoryNumbers: InventoryNumberOptions): Promise<ReadActsResult> {
  const problems: Finding[] = [];
  const context = { file, branches, inventoryNumbers };
  let flat: FlatActReader | undefined;
  let form: FormActReader | undefined;
  const before: TableRow[] = [];
  let shapeUnknown: { message: string; line: number } | undefined;
  try {
    const table = await openTable(file);
    for await (const row of table.rows) {
      if (flat !== undefined) {
        flat.add(row);
        continue;
      }
      if (form !== undefined) {
        if (!form.open) break;
        form.add(row);
        continue;
      }
      if (row.error === undefined) {
        const columns = actColumnsOf(row.cells);
        if (isFlatHeader(columns)) {
          flat = new FlatActReader(columns, context);
          continue;
        }
        if (isFormTableHeader(columns)) {
          const title = findTitle(before);
          if (title >= 0) {
            form = new FormActReader(before, title, columns, context);
            continue;
          }
          shapeUnknown = { message: `line ${row.line} heads a table of inventory numbers, but there is no act_number column and no «АКТ № … от …» title above it`, line: row.line };
          break;
        }
      }
      before.push(row);
      if (before.length >= HEADER_SEARCH_ROWS) break;
    }
  } catch (error) {
    if (!isKitapError(error) || error.code === 'E_CONFIG') throw error;
    // The table reader names the file first: its own words are what follows.
    const detail = error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message;
    problems.push(actFinding('ACT_FILE_UNREADABLE', 'error', error.message, { file }, { case: 'act-file-not-table', data: { detail } }));
  }
  if (flat !== undefined) return { acts: flat.acts(), problems: [...flat.problems, ...problems], rowsNotRead: flat.rowsNotRead };
  if (form !== undefined) return { acts: [form.finish()], problems: [...form.problems, ...problems], rowsNotRead: form.rowsNotRead };
  if (problems.length === 0) {
    problems.push(
      shapeUnknown !== undefined
        ? actFinding('ACT_SHAPE_UNKNOWN', 'error', shapeUnknown.message, { file }, { case: 'act-table-without-act', data: { tableLine: shapeUnknown.line } })
        : actFinding(
            'ACT_SHAPE_UNKNOWN',
            'error',
            `no act table found in the first ${HEADER_SEARCH_ROWS} rows: a flat table needs a header with act_number (№ акта) and inventory_number (Инв. №); a form needs «АКТ № … от …» above a table with «Инв. №»`,
            { file },
            { case: 'act-table-not-found' },
          ),
    );
  }
  return { acts: [], problems, rowsNotRead: 0 };
}
