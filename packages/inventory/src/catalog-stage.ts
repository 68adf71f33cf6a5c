import { type DedupConfig, type RecordFeatures, recordFeatures, scorePair } from '@kitap/dedup';
import { type BranchDirectory, COPY_LAYOUTS, type InventoryNumberOptions, copyFields, parseInventoryNumber } from '@kitap/holdings';
import { lossyKey } from '@kitap/text';
import { z } from 'zod';
import { type MarcRecord, readIso2709All, readRecords, writeIso2709 } from '@kitap/marc';
import type { EditionData } from './classify-row.js';
import { lossyTitleKey } from './edition-keys.js';
import { newEditionRecord } from './edition-record.js';
import { mergedEdition } from './merged-edition.js';
import type { JobStore } from './job-store.js';
import { restoreLostLetters } from './restore-lost-letters.js';
import { CopyRowReader, type StoredCopyRow } from './stored-row.js';

const BATCH = 2000;
const PAGE = 2000;

/**
 * Reads the existing catalog (`--catalog`) into the job store: each record's
 * bytes (as UTF-8 ISO2709), its dedup features, its ISBNs and title key for
 * finding candidates, and the inventory numbers of its copies, so the export's
 * numbers are checked against the catalog's too. Records the reader rejects
 * are kept with their reason and reported; they take no part in matching.
 * Resumes after the last committed record.
 */
export async function indexCatalog(store: JobStore, path: string, options: { encoding?: string | undefined; inventoryNumbers: InventoryNumberOptions; branches: BranchDirectory }): Promise<void> {
  const db = store.db;
  const insert = db.prepare('INSERT OR REPLACE INTO catalog(idx, id, offset, raw, title_lossy, features) VALUES (?, ?, ?, ?, ?, ?)');
  const insertIsbn = db.prepare('INSERT INTO catalog_isbn(isbn, idx) VALUES (?, ?)');
  const insertInv = db.prepare('INSERT INTO catalog_inv(key, idx, inventory_number) VALUES (?, ?, ?)');
  const insertReject = db.prepare('INSERT OR REPLACE INTO catalog_rejects(idx, code, message, offset) VALUES (?, ?, ?, ?)');
  const checkpoint = Number(store.meta('catalog.index') ?? '-1');
  let pending: { idx: number; record?: MarcRecord; reject?: { code: string; message: string; offset: number | null } }[] = [];
  const flush = db.transaction((batch: typeof pending) => {
    for (const item of batch) {
      if (item.reject) {
        insertReject.run(item.idx, item.reject.code, item.reject.message, item.reject.offset);
        continue;
      }
      const record = item.record!;
      const features = recordFeatures(record, item.idx, 'against', COPY_LAYOUTS);
      // Stored as UTF-8 ISO2709 and read back as UTF-8 explicitly (catalogRecord), so an ESC in a value is kept safely.
      insert.run(item.idx, features.id ?? null, record.place.offset ?? null, writeIso2709(record, { keepEsc: true }), lossyKey(features.title), JSON.stringify(features));
      for (const isbn of features.isbns) insertIsbn.run(isbn, item.idx);
      for (const copy of copyFields(record, COPY_LAYOUTS)) {
        const n = copy.inventoryNumber?.value;
        if (n === undefined) continue;
        const parsed = parseInventoryNumber(n, options.inventoryNumbers, options.branches);
        if (parsed.ok) insertInv.run(parsed.value.key, item.idx, n);
      }
    }
    const last = batch[batch.length - 1];
    if (last) store.setMeta('catalog.index', String(last.idx));
  });
  let idx = -1;
  const readOptions = { file: path, mode: 'lenient' as const, ...(options.encoding ? { encoding: options.encoding } : {}) };
  for await (const item of readRecords(path, readOptions)) {
    idx++;
    if (idx <= checkpoint) continue;
    if (item.kind === 'record') pending.push({ idx, record: item.record });
    else pending.push({ idx, reject: { code: item.reject.code, message: item.reject.message, offset: item.reject.place.offset ?? null } });
    if (pending.length >= BATCH) {
      flush(pending);
      pending = [];
    }
  }
  flush(pending);
  store.markDone('catalog');
}

/**
 * When an edition's copies go to a catalog record. Dedup's weights and vetoes
 * score the pair, but the bar differs from merging two records: a 1C row has
 * no identifiers beyond an ISBN, so the same title, first author and year
 * (0.45 + 0.15 + 0.1 = 0.7 with dedup's default weights) is enough to put a
 * copy on the record, while any veto (another edition, volume or record type)
 * or a disagreeing publisher keeps them apart. Set in the project config's
 * `inventory` section.
 */
export const attachThresholdsSchema = z
  .object({
    attachThreshold: z.number().min(0).max(1).default(0.6),
    reviewThreshold: z.number().min(0).max(1).default(0.5),
  })
  .strict()
  .refine((t) => t.reviewThreshold <= t.attachThreshold, { message: 'reviewThreshold must not be above attachThreshold' });
export type AttachThresholds = z.infer<typeof attachThresholdsSchema>;

/** What the attach stage decided for one edition. */
export interface AttachDecision {
  catalog?: number;
  score?: number;
  reasons?: string[];
  review?: { id: string | null; score: number; reasons: string[] };
}

function reasonsOf(score: ReturnType<typeof scorePair>): string[] {
  return [...score.reasons.map((r) => `${r.feature} ${r.points >= 0 ? '+' : ''}${r.points}: ${r.detail}`), ...score.vetoes.map((v) => `veto ${v.veto}: ${v.detail}`)];
}

/**
 * Decides, edition by edition, whether its copies go to an existing catalog
 * record: candidates share an ISBN or the title key (lost letters read as
 * wildcards); each is scored with dedup's features, points and vetoes; the
 * best at or above the attach threshold wins (ties: the earlier record). A
 * candidate in the grey zone is kept for review and the edition becomes a new
 * record. Then each copy's inventory number is checked against the catalog's
 * copies: on the same record it is already there (`already`); on another it
 * is a duplicate (E_INV_DUPLICATE). One transaction.
 */
export function attachStage(store: JobStore, config: DedupConfig, thresholds: AttachThresholds, flavour: 'marc21' | 'unimarc'): void {
  const db = store.db;
  const editions = db.prepare<[number, number], { id: number }>('SELECT id FROM editions WHERE id > ? ORDER BY id LIMIT ?');
  const rowsOf = db.prepare<[number], StoredCopyRow>(
    "SELECT t.line, t.data, t.edition FROM row_editions re CROSS JOIN row_text t ON t.line = re.line WHERE re.edition = ? ORDER BY re.line",
  );
  const reader = new CopyRowReader();
  const byIsbn = db.prepare<[string], { idx: number }>('SELECT idx FROM catalog_isbn WHERE isbn = ?');
  const byTitle = db.prepare<[string], { idx: number }>('SELECT idx FROM catalog WHERE title_lossy = ?');
  const featuresOf = db.prepare<[number], { features: string; id: string | null }>('SELECT features, id FROM catalog WHERE idx = ?');
  const invOf = db.prepare<[string], { idx: number; inventory_number: string }>('SELECT idx, inventory_number FROM catalog_inv WHERE key = ? ORDER BY idx');
  const idOf = db.prepare<[number], { id: string | null }>('SELECT id FROM catalog WHERE idx = ?');
  const setDecision = db.prepare('UPDATE editions SET catalog = ?, score = ?, explanation = ?, review = ? WHERE id = ?');
  const setRowKind = db.prepare('UPDATE rows SET kind = ?, code = ?, col = ?, message = ?, related = ? WHERE line = ?');
  const leaveEdition = db.prepare('DELETE FROM row_editions WHERE edition = ? AND line = ?');
  // A row that is no longer a row of copies (already on the record, or a duplicate) leaves its edition.
  const setRow = (edition: number, line: number, kind: string, code: string | null, col: string | null, message: string, related: string): void => {
    setRowKind.run(kind, code, col, message, related, line);
    leaveEdition.run(edition, line);
  };

  const run = db.transaction(() => {
    // The writers look up the editions of each catalog record (made here: without --catalog there are none).
    db.exec('CREATE INDEX IF NOT EXISTS editions_catalog ON editions(catalog)');
    let after = 0;
    for (;;) {
      const page = editions.all(after, PAGE);
      if (page.length === 0) break;
      for (const { id } of page) {
        after = id;
        const rows = rowsOf.all(id).map((r) => ({ line: r.line, row: reader.read(r) }));
        if (rows.length === 0) continue;
        const decision = decide(mergedEdition(rows.map((r) => r.row)));
        setDecision.run(decision.catalog ?? null, decision.score ?? null, decision.reasons ? JSON.stringify(decision.reasons) : null, decision.review ? JSON.stringify(decision.review) : null, id);
        for (const { line, row } of rows) {
          const hits = row.copies.map((c) => ({ copy: c, hit: invOf.get(c.key) }));
          if (hits.every((h) => h.hit === undefined)) continue;
          const elsewhere = hits.find((h) => h.hit !== undefined && h.hit.idx !== decision.catalog);
          if (!elsewhere && hits.every((h) => h.hit !== undefined)) {
            const where = idOf.get(decision.catalog!)?.id ?? `record ${decision.catalog! + 1}`;
            setRow(id, line, 'already', null, null, `the copies are already on catalog record ${where}`, `catalog ${where}`);
            continue;
          }
          const h = elsewhere ?? hits.find((x) => x.hit !== undefined)!;
          const where = idOf.get(h.hit!.idx)?.id ?? `record ${h.hit!.idx + 1}`;
          const message = elsewhere
            ? `inventory number "${h.copy.inventoryNumber}" is already used by a copy of catalog record ${where} ("${h.hit!.inventory_number}"), another edition`
            : `inventory number "${h.copy.inventoryNumber}" is already on catalog record ${where}, but the row's other copies are not`;
          setRow(id, line, 'reject', 'E_INV_DUPLICATE', 'inventoryNumber', message, `catalog ${where}`);
        }
      }
    }
    store.markDone('attach');
  });

  const decide = (edition: EditionData): AttachDecision => {
    const candidates = new Set<number>();
    const probe = newEditionRecord('probe', edition, flavour);
    const mine = recordFeatures(probe, 0, 'input');
    for (const isbn of mine.isbns) for (const { idx } of byIsbn.all(isbn)) candidates.add(idx);
    // The export's title may carry the rest of the title («Абай жолы : роман»), and the catalog's key is
    // its main title, which may itself hold a colon: look up the title cut at each separator.
    for (const key of titleCuts(edition.title)) for (const { idx } of byTitle.all(key)) candidates.add(idx);
    let best: { idx: number; score: number; reasons: string[]; vetoed: boolean } | undefined;
    for (const idx of [...candidates].sort((a, b) => a - b)) {
      const row = featuresOf.get(idx);
      if (!row) continue;
      const theirs = JSON.parse(row.features) as RecordFeatures;
      const ours = featuresAgainst(edition, theirs, flavour) ?? mine;
      const score = scorePair(ours, theirs, config.weights);
      const vetoed = score.vetoes.length > 0;
      const value = vetoed ? 0 : score.score;
      if (!best || value > best.score) best = { idx, score: value, reasons: reasonsOf(score), vetoed };
    }
    if (!best) return {};
    if (best.score >= thresholds.attachThreshold) return { catalog: best.idx, score: best.score, reasons: best.reasons };
    if (best.score >= thresholds.reviewThreshold) return { review: { id: featuresOf.get(best.idx)?.id ?? null, score: best.score, reasons: best.reasons } };
    return {};
  };
  run();
}

/** Lossy title keys of the whole title and of it cut at each ISBD separator («:», «;», «/», «=», «. »), at most five. */
function titleCuts(title: string): Set<string> {
  const keys = new Set([lossyTitleKey(title)]);
  const separator = /\s*[:;/=]\s+|\.\s/gu;
  for (const m of title.matchAll(separator)) {
    if (keys.size >= 5) break;
    keys.add(lossyTitleKey(title.slice(0, m.index)));
  }
  return keys;
}

/** The edition's features with letters lost as "?" put back from the candidate's title and author; undefined when nothing was lost. */
function featuresAgainst(edition: EditionData, theirs: RecordFeatures, flavour: 'marc21' | 'unimarc'): RecordFeatures | undefined {
  const title = restoreLostLetters(edition.title, theirs.display.title);
  const author = edition.author === undefined ? { text: undefined, restored: 0 } : restoreLostLetters(edition.author, theirs.display.author);
  if (title.restored + author.restored === 0) return undefined;
  const restored: EditionData = { ...edition, title: title.text };
  if (author.text !== undefined) restored.author = author.text;
  return recordFeatures(newEditionRecord('probe', restored, flavour), 0, 'input');
}

/** The catalog record stored at `idx`, decoded. */
export async function catalogRecord(store: JobStore, idx: number): Promise<MarcRecord> {
  const row = store.db.prepare<[number], { raw: Buffer }>('SELECT raw FROM catalog WHERE idx = ?').get(idx);
  if (!row) throw new Error(`catalog record ${idx} is not in the job store`);
  const items = await readIso2709All(new Uint8Array(row.raw), { encoding: 'utf-8' });
  const first = items.find((i) => i.kind === 'record');
  if (!first || first.kind !== 'record') throw new Error(`catalog record ${idx} cannot be read back`);
  return first.record;
}
