import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { KitapError } from '@kitap/core';
import { decode } from '@kitap/marc';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { REVIEW_COLUMNS } from './review-file.js';

/** A cluster to merge: the input positions of its members and the 001 each should have. */
export interface MergeDecision {
  cluster: string;
  members: { index: number; id: string | null }[];
}

export interface LoadedDecisions {
  merge: MergeDecision[];
  kept: number;
  undecided: number;
  /** Clusters with a member from the --against catalog: not merged here. */
  withCatalog: number;
  inputSha256?: string;
}

const member = z.object({ index: z.number().int().min(0), id: z.string().nullable(), source: z.literal('against').optional() });
const reportSchema = z.object({
  command: z.literal('dedup'),
  input: z.object({ sha256: z.string() }),
  clusters: z.array(z.object({ id: z.string(), decision: z.enum(['match', 'review']), members: z.array(member).min(2) })),
});

const MERGE = new Set(['merge', 'объединить', 'біріктіру', 'да', 'yes', 'y', '+']);
const KEEP = new Set(['keep', 'оставить', 'қалдыру', 'нет', 'no', 'n', '-']);

/**
 * Reads what to merge: a dedup report (its `match` clusters) or a review list
 * (CSV or XLSX) where each cluster's decision column says merge or keep — an
 * empty cell keeps the proposal for `match` clusters and leaves `review`
 * clusters apart (counted as undecided).
 */
export async function loadDecisions(path: string): Promise<LoadedDecisions> {
  if (/\.json$/i.test(path)) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new KitapError('E_DECISIONS', `not a readable dedup report: ${(error as Error).message}`, { file: path });
    }
    const parsed = reportSchema.safeParse(data);
    if (!parsed.success) throw new KitapError('E_DECISIONS', `not a kitap dedup report: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`, { file: path });
    const out: LoadedDecisions = { merge: [], kept: 0, undecided: 0, withCatalog: 0, inputSha256: parsed.data.input.sha256 };
    for (const c of parsed.data.clusters) {
      if (c.members.some((m) => m.source === 'against')) out.withCatalog++;
      else if (c.decision === 'match') out.merge.push({ cluster: c.id, members: c.members.map(({ index, id }) => ({ index, id })) });
      else out.undecided++;
    }
    return out;
  }
  const rows = await reviewRowsOf(path);
  const clusters = new Map<string, { proposed: string; decision: string; members: { index: number; id: string | null; source: string }[]; line: number }>();
  rows.forEach((row, i) => {
    const id = (row.cluster ?? '').trim();
    if (!id) return;
    const c = clusters.get(id) ?? { proposed: (row.proposed ?? '').trim(), decision: '', members: [], line: i + 2 };
    const decision = (row.decision ?? '').trim().toLowerCase();
    if (decision) {
      if (c.decision && c.decision !== decision) throw new KitapError('E_DECISIONS', `cluster ${id} is marked both "${c.decision}" and "${decision}"`, { file: path, line: i + 2 });
      c.decision = decision;
    }
    const index = Number(row.record) - 1;
    if (!Number.isInteger(index) || index < 0) throw new KitapError('E_DECISIONS', `"${row.record}" is not a record number`, { file: path, line: i + 2 });
    c.members.push({ index, id: (row.id ?? '').trim() || null, source: (row.source ?? 'input').trim() });
    clusters.set(id, c);
  });
  const out: LoadedDecisions = { merge: [], kept: 0, undecided: 0, withCatalog: 0 };
  for (const [id, c] of clusters) {
    if (c.decision && !MERGE.has(c.decision) && !KEEP.has(c.decision)) {
      throw new KitapError('E_DECISIONS', `cluster ${id}: the decision "${c.decision}" is neither merge nor keep`, { file: path, line: c.line });
    }
    const merge = c.decision ? MERGE.has(c.decision) : c.proposed === 'match' ? true : undefined;
    if (merge === undefined) out.undecided++;
    else if (!merge) out.kept++;
    else if (c.members.some((m) => m.source === 'against')) out.withCatalog++;
    else if (c.members.length >= 2) out.merge.push({ cluster: id, members: c.members.map(({ index, id: recordId }) => ({ index, id: recordId })) });
  }
  return out;
}

type Row = Partial<Record<(typeof REVIEW_COLUMNS)[number]['key'], string>>;

async function reviewRowsOf(path: string): Promise<Row[]> {
  const headers = REVIEW_COLUMNS.map((c) => c.header);
  const toRow = (cells: string[]): Row => Object.fromEntries(REVIEW_COLUMNS.map((c, i) => [c.key, cells[i] ?? ''])) as Row;
  if (/\.xlsx$/i.test(path)) {
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    try {
      await book.xlsx.readFile(path);
    } catch (error) {
      throw new KitapError('E_DECISIONS', `not a readable workbook: ${(error as Error).message}`, { file: path });
    }
    const sheet = book.worksheets[0];
    if (!sheet) throw new KitapError('E_DECISIONS', 'the workbook has no sheet', { file: path });
    const rows: Row[] = [];
    sheet.eachRow((row, n) => {
      const cells = headers.map((_, i) => {
        const v = row.getCell(i + 1).value;
        return v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v);
      });
      if (n === 1) {
        if (cells[0] !== headers[0] || cells[3] !== headers[3]) throw new KitapError('E_DECISIONS', 'the first row is not the header of a kitap review list', { file: path, line: 1 });
        return;
      }
      rows.push(toRow(cells));
    });
    return rows;
  }
  let records: string[][];
  const text = reviewListText(path);
  // Excel saves CSV with ';' where the decimal mark is ',' (Russian and Kazakh settings): the header row tells.
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new KitapError('E_DECISIONS', `not a readable CSV file: ${(error as Error).message}`, { file: path });
  }
  if (records[0]?.[0] !== headers[0] || records[0]?.[3] !== headers[3]) throw new KitapError('E_DECISIONS', 'the first row is not the header of a kitap review list', { file: path, line: 1 });
  return records.slice(1).map(toRow);
}

/**
 * A review list saved as CSV, as text: UTF-8 (with or without a BOM), or — when its bytes are not
 * UTF-8, as Excel's "CSV" is under Russian and Kazakh settings — Windows-1251. UTF-16 ("Unicode
 * text") is refused, saying how to save it.
 */
function reviewListText(path: string): string {
  const bytes = readFileSync(path);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new KitapError('E_DECISIONS', 'the review list is saved as UTF-16 ("Unicode text"); save it as "CSV UTF-8" or keep it as .xlsx', { file: path });
  }
  if (isUtf8(bytes)) return bytes.toString('utf8').replace(/^\ufeff/, '');
  return decode(bytes, 0, bytes.length, 'cp1251').text;
}
