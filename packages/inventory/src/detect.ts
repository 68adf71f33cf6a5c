import type { CharsetName } from '@kitap/marc';
import { type MappingInput, mappingFileFor, parseMapping } from './mapping.js';
import { settleLayout } from './read-stage.js';
import { type TableFormat, type TableRow, openTable } from './sources/open-table.js';

/**
 * `kitap inventory --detect`: opens the export, finds its header among the
 * first rows and maps the headings it knows, and returns a mapping file to
 * edit (with the headings no column took listed), plus the first data rows as
 * the mapping reads them, so a person can check it before the real run.
 */
export async function detectMapping(path: string, options: { format?: TableFormat | undefined; encoding?: CharsetName | undefined } = {}): Promise<{ mapping: MappingInput; notes: string[]; sample: Record<string, string>[] }> {
  const table = await openTable(path, { ...(options.format ? { format: options.format } : {}), ...(options.encoding ? { encoding: options.encoding } : {}) });
  const rows: TableRow[] = [];
  for await (const row of table.rows) {
    rows.push(row);
    if (rows.length >= 60) break;
  }
  const layout = settleLayout(table, rows.slice(0, 40), parseMapping({}), path);
  const mapping = mappingFileFor(layout.header, { headerLine: layout.headerLine, columns: layout.columns, unmapped: layout.unmapped, missing: [] }, { format: table.format, encoding: table.encoding, delimiter: table.delimiter });
  const sample: Record<string, string>[] = [];
  for (const row of rows) {
    if (layout.headerLine !== undefined && row.line <= layout.headerLine) continue;
    const out: Record<string, string> = {};
    for (const [id, index] of Object.entries(layout.columns)) out[id] = row.cells[index] ?? '';
    sample.push(out);
    if (sample.length >= 3) break;
  }
  return { mapping, notes: table.notes, sample };
}
