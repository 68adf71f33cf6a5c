import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type OpenDatabase, openDatabase } from './database.js';

/** The stages of `kitap migrate`, in the order they run. */
export const MIGRATION_STAGES = ['convert', 'clean', 'dedup', 'inventory', 'acts', 'reconcile', 'package'] as const;
export type MigrationStage = (typeof MIGRATION_STAGES)[number];

/** What the store remembers of a stage: finished or not, what it was run on, and its summary. */
export interface StageState {
  stage: MigrationStage;
  status: 'running' | 'done';
  /** A hash of everything the stage's output depends on (input files, options, decisions). */
  fingerprint: string;
  startedAt: string;
  finishedAt: string | null;
  summary: unknown;
}

/** One record of a cluster under review, as the page shows it. */
export interface ReviewMember {
  /** 0-based position in the catalog the dedup stage read. */
  index: number;
  /** The record's 001, when it has one. */
  id: string | null;
  title: string;
  /** The whole record in MarcEdit mnemonic text. */
  mnemonic: string;
  /** How many copies the record holds. */
  copies: number;
}

/** A doubtful cluster queued for a person to decide. */
export interface ReviewCluster {
  /** The stable key of the cluster: its members' ids (or `#index`), sorted and joined by `|`. A decision is kept under this key, so it survives a re-run of dedup. */
  key: string;
  /** The cluster id of the dedup report it came from (`C000012`). */
  cluster: string;
  score: number;
  members: ReviewMember[];
  /** Why the members were paired: the dedup explanations (`PairExplanation[]`). */
  why: unknown;
}

export type ReviewDecision = 'merge' | 'keep-apart';

export interface ReviewItem extends ReviewCluster {
  decision: ReviewDecision | null;
  decidedAt: string | null;
  note: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS stages (
  stage TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('running', 'done')),
  fingerprint TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  summary TEXT
);
CREATE TABLE IF NOT EXISTS review_queue (
  key TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  cluster TEXT NOT NULL,
  score REAL NOT NULL,
  members TEXT NOT NULL,
  why TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_decisions (
  key TEXT PRIMARY KEY,
  decision TEXT NOT NULL CHECK (decision IN ('merge', 'keep-apart')),
  decided_at TEXT NOT NULL,
  note TEXT
);
`;

/** The key a cluster's decision is kept under: its members' ids (or `#index`), sorted. */
export function reviewKey(members: readonly { index: number; id: string | null }[]): string {
  return members
    .map((m) => (m.id !== null && m.id !== '' ? m.id : `#${m.index}`))
    .sort()
    .join('|');
}

/**
 * The SQLite file of a migration (`<dir>/migrate.sqlite`): which stages are
 * done and on what, the review queue of doubtful duplicates, and the
 * decisions people made on the review page. `kitap migrate` writes the stages
 * and the queue; `kitap serve` reads them and writes decisions; the next
 * `kitap migrate --from dedup` applies the decisions.
 */
export class MigrationStore {
  private constructor(private readonly open: OpenDatabase) {}

  static open(path: string): MigrationStore {
    mkdirSync(dirname(path), { recursive: true });
    const open = openDatabase(path, 16);
    open.db.pragma('busy_timeout = 5000');
    open.db.exec(SCHEMA);
    return new MigrationStore(open);
  }

  get path(): string {
    return this.open.path;
  }

  stage(stage: MigrationStage): StageState | undefined {
    const row = this.open.db.prepare('SELECT stage, status, fingerprint, started_at, finished_at, summary FROM stages WHERE stage = ?').get(stage) as
      | { stage: MigrationStage; status: 'running' | 'done'; fingerprint: string; started_at: string; finished_at: string | null; summary: string | null }
      | undefined;
    if (!row) return undefined;
    return { stage: row.stage, status: row.status, fingerprint: row.fingerprint, startedAt: row.started_at, finishedAt: row.finished_at, summary: row.summary === null ? null : JSON.parse(row.summary) };
  }

  stages(): StageState[] {
    return MIGRATION_STAGES.map((s) => this.stage(s)).filter((s): s is StageState => s !== undefined);
  }

  startStage(stage: MigrationStage, fingerprint: string, at = new Date().toISOString()): void {
    this.open.db
      .prepare("INSERT INTO stages (stage, status, fingerprint, started_at) VALUES (?, 'running', ?, ?) ON CONFLICT(stage) DO UPDATE SET status = 'running', fingerprint = excluded.fingerprint, started_at = excluded.started_at, finished_at = NULL, summary = NULL")
      .run(stage, fingerprint, at);
  }

  finishStage(stage: MigrationStage, summary: unknown, at = new Date().toISOString()): void {
    this.open.db.prepare("UPDATE stages SET status = 'done', finished_at = ?, summary = ? WHERE stage = ?").run(at, JSON.stringify(summary), stage);
  }

  /** Forgets the stages given, so the next run does them again. */
  forgetStages(stages: readonly MigrationStage[]): void {
    const del = this.open.db.prepare('DELETE FROM stages WHERE stage = ?');
    this.open.db.transaction(() => {
      for (const s of stages) del.run(s);
    })();
  }

  /** Replaces the review queue with the clusters of the latest dedup run; decisions stay, keyed by cluster. */
  replaceQueue(clusters: readonly ReviewCluster[]): void {
    const put = this.open.db.prepare('INSERT INTO review_queue (key, position, cluster, score, members, why) VALUES (?, ?, ?, ?, ?, ?)');
    this.open.db.transaction(() => {
      this.open.db.exec('DELETE FROM review_queue');
      clusters.forEach((c, i) => put.run(c.key, i, c.cluster, c.score, JSON.stringify(c.members), JSON.stringify(c.why)));
    })();
  }

  /** The review queue in dedup order, each cluster with its decision (null while undecided). */
  queue(): ReviewItem[] {
    const rows = this.open.db
      .prepare('SELECT q.key, q.cluster, q.score, q.members, q.why, d.decision, d.decided_at, d.note FROM review_queue q LEFT JOIN review_decisions d ON d.key = q.key ORDER BY q.position')
      .all() as { key: string; cluster: string; score: number; members: string; why: string; decision: ReviewDecision | null; decided_at: string | null; note: string | null }[];
    return rows.map((r) => ({ key: r.key, cluster: r.cluster, score: r.score, members: JSON.parse(r.members) as ReviewMember[], why: JSON.parse(r.why) as unknown, decision: r.decision, decidedAt: r.decided_at, note: r.note }));
  }

  /** Records a person's decision on a cluster (replacing an earlier one); `null` takes it back. */
  decide(key: string, decision: ReviewDecision | null, note?: string, at = new Date().toISOString()): void {
    if (decision === null) this.open.db.prepare('DELETE FROM review_decisions WHERE key = ?').run(key);
    else
      this.open.db
        .prepare('INSERT INTO review_decisions (key, decision, decided_at, note) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at, note = excluded.note')
        .run(key, decision, at, note ?? null);
  }

  /** Every decision made, by cluster key, in key order. */
  decisions(): Map<string, ReviewDecision> {
    const rows = this.open.db.prepare('SELECT key, decision FROM review_decisions ORDER BY key').all() as { key: string; decision: ReviewDecision }[];
    return new Map(rows.map((r) => [r.key, r.decision]));
  }

  close(): void {
    this.open.close();
  }
}
