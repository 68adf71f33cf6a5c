import { join } from 'node:path';

/** Where everything of a migration lives inside `<dir>`: the deliverables at the top, each stage's files under `work/<stage>/`. */
export function migrationPaths(dir: string) {
  const work = (stage: string, file: string): string => join(dir, 'work', stage, file);
  return {
    dir,
    store: join(dir, 'migrate.sqlite'),
    log: join(dir, 'migrate.log'),
    lock: join(dir, 'migrate.lock'),
    convert: { dir: join(dir, 'work', 'convert'), catalog: work('convert', 'catalog.mrc'), rejects: work('convert', 'rejects.ndjson'), warnings: work('convert', 'warnings.ndjson'), report: work('convert', 'report.json') },
    clean: { dir: join(dir, 'work', 'clean'), catalog: work('clean', 'catalog.mrc'), journal: work('clean', 'journal.jsonl'), rejects: work('clean', 'rejects.ndjson'), report: work('clean', 'report.json') },
    dedup: {
      dir: join(dir, 'work', 'dedup'),
      report: work('dedup', 'dedup.json'),
      review: work('dedup', 'review.xlsx'),
      rejects: work('dedup', 'dedup-rejects.ndjson'),
      decisions: work('dedup', 'decisions.json'),
      merged: work('dedup', 'catalog.mrc'),
      journal: work('dedup', 'journal.jsonl'),
      mergeRejects: work('dedup', 'merge-rejects.ndjson'),
      mergeReport: work('dedup', 'merge-report.json'),
    },
    inventory: { dir: join(dir, 'work', 'inventory'), catalog: join(dir, 'work', 'inventory-catalog.mrc') },
    acts: { dir: join(dir, 'work', 'acts'), records: work('acts', 'records.mrc'), inventoryRecords: work('acts', 'inventory-records.mrc'), jsonl: work('acts', 'web-rabis.jsonl'), notApplied: work('acts', 'not-applied.ndjson'), report: work('acts', 'report.json') },
    reconcile: { dir: join(dir, 'work', 'reconcile'), findings: work('reconcile', 'findings.json'), summary: work('reconcile', 'summary.json'), reportHtml: work('reconcile', 'report.html'), reportXlsx: work('reconcile', 'report.xlsx') },
    out: {
      records: join(dir, 'records.mrc'),
      jsonl: join(dir, 'web-rabis.jsonl'),
      rejects: join(dir, 'rejects'),
      journal: join(dir, 'journal.jsonl'),
      review: join(dir, 'review.xlsx'),
      reportXlsx: join(dir, 'report.xlsx'),
      reportHtml: join(dir, 'report.html'),
      findings: join(dir, 'findings.json'),
      ledger: join(dir, 'ledger.json'),
    },
  };
}

export type MigrationPaths = ReturnType<typeof migrationPaths>;
