import { AtomicFile, BufferedSink, KitapError, stableZipTimes } from '@kitap/core';
import type { Cluster, RecordFeatures } from '@kitap/dedup';
import { stringify } from 'csv-stringify/sync';

/** Columns of the review list: one row per member of each cluster, Russian headers with the English name beside them. */
export const REVIEW_COLUMNS = [
  { key: 'cluster', header: 'Группа / cluster', width: 9 },
  { key: 'proposed', header: 'Предложено / proposed', width: 12 },
  { key: 'score', header: 'Оценка / score', width: 8 },
  { key: 'decision', header: 'Решение / decision (merge | keep)', width: 16 },
  { key: 'record', header: '№ записи / record', width: 10 },
  { key: 'id', header: 'ID записи / record id', width: 14 },
  { key: 'source', header: 'Источник / source', width: 10 },
  { key: 'title', header: 'Заглавие / title', width: 40 },
  { key: 'author', header: 'Автор / author', width: 22 },
  { key: 'imprint', header: 'Выходные данные / imprint', width: 28 },
  { key: 'extent', header: 'Объём / extent', width: 14 },
  { key: 'isbn', header: 'ISBN', width: 18 },
  { key: 'copies', header: 'Экз. / copies', width: 7 },
  { key: 'why', header: 'Почему / why', width: 60 },
] as const;

export type ReviewRow = Record<(typeof REVIEW_COLUMNS)[number]['key'], string | number>;

/** Rows for a cluster, members side by side (one under the other), the explanation on the first row. */
export function reviewRows(cluster: Cluster, features: (member: Cluster['members'][number]) => RecordFeatures): ReviewRow[] {
  const why = cluster.why
    .map((w) => `${w.pair[0].index + 1}~${w.pair[1].index + 1} ${w.score.toFixed(2)}: ${w.reasons.map((r) => `${r.feature} ${r.points > 0 ? '+' : ''}${r.points}`).join(', ')}`)
    .join(' | ');
  return cluster.members.map((m, i) => {
    const f = features(m);
    return {
      cluster: cluster.id,
      proposed: cluster.decision,
      score: cluster.score,
      decision: cluster.decision === 'match' ? 'merge' : '',
      record: m.index + 1,
      id: m.id ?? '',
      source: m.source ?? 'input',
      title: f.display.title,
      author: f.display.author,
      imprint: f.display.imprint,
      extent: f.display.extent,
      isbn: f.display.isbn,
      copies: f.copies,
      why: i === 0 ? why : '',
    };
  });
}

/** Writes the review list as CSV (UTF-8 with BOM, for Excel) or XLSX (by the file's extension), atomically. */
export async function writeReviewFile(path: string, rows: readonly ReviewRow[]): Promise<void> {
  if (/\.xlsx$/i.test(path)) {
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    // Fixed dates (and zip times below) so the same review list is the same bytes.
    book.created = new Date(0);
    book.modified = new Date(0);
    const sheet = book.addWorksheet('Review', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = REVIEW_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    let previous = '';
    let shade = false;
    for (const row of rows) {
      if (row.cluster !== previous) shade = !shade;
      previous = String(row.cluster);
      const r = sheet.addRow(row);
      if (shade) r.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF4FA' } };
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REVIEW_COLUMNS.length } };
    const buffer = stableZipTimes(Buffer.from(await book.xlsx.writeBuffer()));
    const file = new AtomicFile(path);
    await file.write(buffer);
    await file.close();
    return;
  }
  if (!/\.csv$/i.test(path)) throw new KitapError('E_USAGE', `the review list is .csv or .xlsx, got ${path}`);
  const sink = new BufferedSink(new AtomicFile(path));
  await sink.write('\ufeff' + stringify([REVIEW_COLUMNS.map((c) => c.header)]));
  for (const row of rows) await sink.write(stringify([REVIEW_COLUMNS.map((c) => row[c.key])]));
  await sink.close();
}
