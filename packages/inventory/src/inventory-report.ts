import { type Code, Ledger, type LedgerJson } from '@kitap/core';
import { formatMoneyDecimal } from '@kitap/holdings';
import type { JobStore } from './job-store.js';

/** Counts and money of one branch (or of the whole export). Money in tiyn. */
export interface BranchTotals {
  rows: { read: number; mapped: number; rejected: number; batchLevel: number; alreadyInCatalog: number; totals: number };
  copies: { expected: number; mapped: number; rejected: number; batchLevel: number; alreadyInCatalog: number };
  money: { read: number; mapped: number; rejected: number; batchLevel: number; alreadyInCatalog: number };
}

/** `report.json`: what `kitap inventory` read, mapped, attached, created and rejected, and the ledger. */
export interface InventoryReport {
  input: { file: string; format: string; encoding?: string; headerLine?: number; columns: Record<string, string>; unmappedHeadings: string[]; notes: string[] };
  catalog?: { file: string; records: number; rejected: number };
  totals: BranchTotals;
  /** Copies mapped onto existing catalog records, and onto new records. */
  attached: { copies: number; records: number };
  created: { copies: number; records: number };
  editions: number;
  /** Editions whose best catalog candidate was in the grey zone: a new record was made; a person should look. */
  possibleMatches: number;
  rejectsByCode: Record<string, number>;
  lostLetters: { rows: number; lines: number[] };
  /** Rows with bytes the export's encoding cannot read (W_ENCODING_REPLACED): kept, with U+FFFD in their place. */
  undecodable: { rows: number; lines: number[] };
  /** Rows not in the ledger: the title lines above the header, the header, blank lines. */
  notData: { preamble: number; header: number; blank: number; deleted: number };
  byBranch: Record<string, BranchTotals>;
  /** Money as people read it, in tenge with two decimals. */
  moneyTenge: { read: string; mapped: string; rejected: string; batchLevel: string; alreadyInCatalog: string };
  ledger: LedgerJson;
}

function emptyTotals(): BranchTotals {
  return {
    rows: { read: 0, mapped: 0, rejected: 0, batchLevel: 0, alreadyInCatalog: 0, totals: 0 },
    copies: { expected: 0, mapped: 0, rejected: 0, batchLevel: 0, alreadyInCatalog: 0 },
    money: { read: 0, mapped: 0, rejected: 0, batchLevel: 0, alreadyInCatalog: 0 },
  };
}

const KIND_FIELD: Record<string, 'mapped' | 'rejected' | 'batchLevel' | 'alreadyInCatalog' | 'totals' | undefined> = {
  copies: 'mapped',
  reject: 'rejected',
  batch: 'batchLevel',
  already: 'alreadyInCatalog',
  total: 'totals',
  deleted: 'totals',
};

/**
 * Counts everything from the job store (never from what the writers think
 * they wrote), by branch and in total, and builds the ledger: rows, copies and
 * money each balance as read = mapped + rejected + batch-level + filtered
 * (totals rows and copies already in the catalog).
 */
export function buildReport(store: JobStore, base: Pick<InventoryReport, 'input' | 'catalog'>): InventoryReport {
  const db = store.db;
  const totals = emptyTotals();
  const byBranch: Record<string, BranchTotals> = {};
  // One pass over the narrow rows table gives the counts and money by kind, branch and reject code.
  const rows = db
    .prepare<[], { kind: string; branch: string | null; code: string | null; n: number; copies: number; money: number }>(
      'SELECT kind, branch, code, COUNT(*) AS n, SUM(copies) AS copies, SUM(money) AS money FROM rows GROUP BY kind, branch, code ORDER BY branch, kind, code',
    )
    .all();
  const rejectCounts = new Map<string, number>();
  const notData = { preamble: 0, header: 0, blank: 0, deleted: 0 };
  for (const r of rows) {
    if (r.kind in notData) notData[r.kind as keyof typeof notData] += r.n;
    if (r.kind === 'reject') rejectCounts.set(r.code!, (rejectCounts.get(r.code!) ?? 0) + r.n);
    const field = KIND_FIELD[r.kind];
    if (field === undefined) continue;
    const targets = [totals];
    if (r.kind !== 'total' && r.kind !== 'deleted') {
      const b = r.branch ?? '?';
      byBranch[b] ??= emptyTotals();
      targets.push(byBranch[b]!);
    }
    for (const t of targets) {
      t.rows.read += r.n;
      t.rows[field] += r.n;
      if (field === 'totals') continue;
      t.copies.expected += r.copies;
      t.copies[field] += r.copies;
      t.money.read += r.money;
      t.money[field] += r.money;
    }
  }
  const rejectsByCode: Record<string, number> = {};
  for (const code of [...rejectCounts.keys()].sort()) rejectsByCode[code] = rejectCounts.get(code)!;
  const lostLines = db.prepare<[], { line: number }>("SELECT line FROM rows WHERE kind = 'copies' AND lost > 0 ORDER BY line").all().map((r) => r.line);
  const undecodableLines = db.prepare<[], { line: number }>('SELECT line FROM rows WHERE warning IS NOT NULL ORDER BY line').all().map((r) => r.line);
  // One pass over the editions that hold mapped copies, along the row_editions index (no sorting):
  // attached or new, and the grey-zone ones.
  const attachedTo = new Set<number>();
  const attach = { attached: 0, copies: 0 };
  const created = { records: 0, copies: 0 };
  let editions = 0;
  let possibleMatches = 0;
  const perEdition = db.prepare<[], { catalog: number | null; review: number; copies: number }>(
    "SELECT e.catalog AS catalog, e.review IS NOT NULL AS review, SUM(r.copies) AS copies FROM row_editions re CROSS JOIN rows r ON r.line = re.line CROSS JOIN editions e ON e.id = re.edition WHERE r.kind = 'copies' GROUP BY re.edition",
  );
  for (const e of perEdition.iterate()) {
    editions++;
    if (e.catalog !== null) {
      attachedTo.add(e.catalog);
      attach.copies += e.copies;
    } else {
      created.records++;
      created.copies += e.copies;
      if (e.review) possibleMatches++;
    }
  }
  attach.attached = attachedTo.size;

  const ledger = new Ledger();
  const rowStage = ledger.stage('rows');
  rowStage.in = totals.rows.read;
  rowStage.out = totals.rows.mapped;
  rowStage.rejected = totals.rows.rejected;
  rowStage.filtered = totals.rows.batchLevel + totals.rows.alreadyInCatalog + totals.rows.totals;
  rowStage.money = { in: totals.money.read, out: totals.money.mapped, rejected: totals.money.rejected, filtered: totals.money.batchLevel + totals.money.alreadyInCatalog };
  const copyStage = ledger.stage('copies');
  copyStage.in = totals.copies.expected;
  copyStage.out = totals.copies.mapped;
  copyStage.rejected = totals.copies.rejected;
  copyStage.filtered = totals.copies.batchLevel + totals.copies.alreadyInCatalog;
  // What was written must be what was mapped: attached + created copies are the mapped ones.
  const written = ledger.stage('written');
  written.in = totals.copies.mapped;
  written.out = attach.copies + created.copies;
  for (const [code, n] of Object.entries(rejectsByCode)) ledger.countReject(code as Code, n);

  const m = totals.money;
  return {
    ...base,
    totals,
    attached: { copies: attach.copies, records: attach.attached },
    created: { copies: created.copies, records: created.records },
    editions,
    possibleMatches,
    rejectsByCode,
    lostLetters: { rows: lostLines.length, lines: lostLines },
    undecodable: { rows: undecodableLines.length, lines: undecodableLines },
    notData,
    byBranch,
    moneyTenge: { read: formatMoneyDecimal(m.read), mapped: formatMoneyDecimal(m.mapped), rejected: formatMoneyDecimal(m.rejected), batchLevel: formatMoneyDecimal(m.batchLevel), alreadyInCatalog: formatMoneyDecimal(m.alreadyInCatalog) },
    ledger: ledger.toJSON(),
  };
}
