import type { MarcRecord } from '@kitap/marc';
import { type OpenDatabase, openDatabase } from '@kitap/store';
import { AUTHOR_BLOCK, blockingKeys } from './blocking-keys.js';
import type { DedupConfig } from './config.js';
import { type RecordFeatures, type RecordSource, recordFeatures } from './features.js';
import { type Reason, type Veto, scorePair } from './score.js';
import { VetoedUnionFind } from './union-find.js';

export type Decision = 'match' | 'review';

/** A member of a cluster: its position in its file, its 001, and where it came from. */
export interface ClusterMember {
  index: number;
  id: string | null;
  source?: 'against';
}

/** Why two members were joined: the pair, its score and decision, and every reason. */
export interface PairExplanation {
  pair: [ClusterMember, ClusterMember];
  score: number;
  decision: Decision;
  reasons: Reason[];
}

export interface Cluster {
  id: string;
  decision: Decision;
  /** The lowest score of the pairs that joined the cluster. */
  score: number;
  members: ClusterMember[];
  why: PairExplanation[];
}

export interface DedupStats {
  records: number;
  againstRecords: number;
  keys: number;
  blocks: number;
  oversizedBlocks: number;
  candidatePairs: number;
  vetoedPairs: number;
  matchPairs: number;
  reviewPairs: number;
  distinctPairs: number;
  matchClusters: number;
  reviewClusters: number;
  recordsInClusters: number;
  /** Pairs a veto kept apart although their score reached the review threshold. */
  vetoedAboveReview: number;
  /** Seconds spent building candidate pairs, scoring them, and clustering. */
  phases: { pairs: number; score: number; cluster: number };
}

/** A vetoed pair, reported so a person can see what was kept apart and why. */
export interface VetoedPair {
  pair: [ClusterMember, ClusterMember];
  score: number;
  vetoes: Veto[];
}

const AGAINST = 1 << 30;

/**
 * One dedup run on a SQLite store: records go in one by one (their features
 * and blocking keys are rows, not objects in memory), then `finish` builds
 * the candidate pairs from shared keys, scores them, and clusters the
 * matches and doubtful pairs. Input positions are kept as they are; records
 * of the `--against` catalog get ids from 2^30 up.
 */
export class DedupRun {
  readonly #store: OpenDatabase;
  readonly #ownStore: boolean;
  readonly #insertFeatures;
  readonly #insertKey;
  #pending: (() => void)[] = [];
  readonly #flush;
  #records = 0;
  #against = 0;

  constructor(
    readonly config: DedupConfig,
    store?: OpenDatabase,
  ) {
    this.#store = store ?? openDatabase();
    this.#ownStore = store === undefined;
    const db = this.#store.db;
    db.exec(`
      DROP TABLE IF EXISTS dd_features; DROP TABLE IF EXISTS dd_keys; DROP TABLE IF EXISTS dd_pairs; DROP TABLE IF EXISTS dd_scored;
      CREATE TABLE dd_features (gid INTEGER PRIMARY KEY, json TEXT NOT NULL, display TEXT NOT NULL);
      CREATE TABLE dd_keys (key TEXT NOT NULL, gid INTEGER NOT NULL, against INTEGER NOT NULL);
      CREATE TABLE dd_pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
      CREATE TABLE dd_scored (a INTEGER NOT NULL, b INTEGER NOT NULL, score REAL NOT NULL, decision TEXT NOT NULL, vetoed INTEGER NOT NULL, why TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID;
    `);
    this.#insertFeatures = db.prepare('INSERT INTO dd_features (gid, json, display) VALUES (?, ?, ?)');
    this.#insertKey = db.prepare('INSERT INTO dd_keys (key, gid, against) VALUES (?, ?, ?)');
    this.#flush = db.transaction(() => {
      for (const run of this.#pending) run();
    });
  }

  /** Adds a record (its features and keys); `index` is its position in its file. */
  add(record: MarcRecord, index: number, source: RecordSource = 'input'): RecordFeatures {
    const features = recordFeatures(record, index, source, this.config.layouts);
    const gid = source === 'against' ? AGAINST + index : index;
    if (source === 'against') this.#against++;
    else this.#records++;
    // What people read (review lists) is kept apart from what is compared, so scoring parses less.
    const { display, ...compared } = features;
    const json = JSON.stringify(compared);
    const shown = JSON.stringify(display);
    const keys = blockingKeys(features, { ngram: this.config.ngramKeys });
    const against = source === 'against' ? 1 : 0;
    this.#pending.push(() => {
      this.#insertFeatures.run(gid, json, shown);
      for (const k of keys) this.#insertKey.run(k, gid, against);
    });
    if (this.#pending.length >= 2000) this.#flushPending();
    return features;
  }

  #flushPending(): void {
    this.#flush();
    this.#pending = [];
  }

  finish(): { clusters: Cluster[]; vetoed: VetoedPair[]; stats: DedupStats } {
    let mark = performance.now();
    const lap = (): number => {
      const now = performance.now();
      const seconds = Math.round(now - mark) / 1000;
      mark = now;
      return seconds;
    };
    this.#flushPending();
    const db = this.#store.db;
    const { maxBlock, matchThreshold, reviewThreshold, weights } = this.config;
    db.exec('CREATE INDEX IF NOT EXISTS dd_keys_key ON dd_keys (key, gid)');
    const keyCount = (db.prepare('SELECT COUNT(*) AS n FROM dd_keys').get() as { n: number }).n;
    db.exec(`DROP TABLE IF EXISTS dd_blocks; CREATE TEMP TABLE dd_blocks AS SELECT key, COUNT(*) AS n, SUM(against) AS ag FROM dd_keys GROUP BY key HAVING COUNT(*) > 1 AND SUM(against) < COUNT(*)`);
    const blocks = (db.prepare('SELECT COUNT(*) AS n FROM dd_blocks').get() as { n: number }).n;
    db.exec(`ALTER TABLE dd_blocks ADD COLUMN cap INTEGER`);
    db.prepare(`UPDATE dd_blocks SET cap = CASE WHEN key LIKE 'a:%' THEN ? ELSE ? END`).run(Math.min(AUTHOR_BLOCK, maxBlock), maxBlock);
    const oversized = (db.prepare('SELECT COUNT(*) AS n FROM dd_blocks WHERE n > cap').get() as { n: number }).n;
    // Pairs from every key shared by a manageable number of records; never two records of the --against catalog.
    db.prepare(
      `INSERT OR IGNORE INTO dd_pairs (a, b)
         SELECT k1.gid, k2.gid FROM dd_blocks bl
           JOIN dd_keys k1 ON k1.key = bl.key
           JOIN dd_keys k2 ON k2.key = bl.key AND k2.gid > k1.gid
          WHERE bl.n <= bl.cap AND NOT (k1.against = 1 AND k2.against = 1)`,
    ).run();

    const getFeatures = db.prepare('SELECT json FROM dd_features WHERE gid = ?');
    const cache = new Map<number, RecordFeatures>();
    const features = (gid: number): RecordFeatures => {
      let f = cache.get(gid);
      if (!f) {
        f = JSON.parse((getFeatures.get(gid) as { json: string }).json) as RecordFeatures;
        // A bounded cache: enough for a whole 65,000-record catalog, flat for a million.
        if (cache.size >= 200_000) cache.delete(cache.keys().next().value!);
        cache.set(gid, f);
      }
      return f;
    };

    // A row-value comparison lets SQLite walk the primary key from where the last page ended.
    const page = db.prepare('SELECT a, b FROM dd_pairs WHERE (a, b) > (?, ?) ORDER BY a, b LIMIT 5000');
    const insertScored = db.prepare('INSERT INTO dd_scored (a, b, score, decision, vetoed, why) VALUES (?, ?, ?, ?, ?, ?)');
    const writeScored = db.transaction((rows: unknown[][]) => {
      for (const r of rows) insertScored.run(...r);
    });
    const stats: DedupStats = {
      records: this.#records,
      againstRecords: this.#against,
      keys: keyCount,
      blocks,
      oversizedBlocks: oversized,
      candidatePairs: 0,
      vetoedPairs: 0,
      matchPairs: 0,
      reviewPairs: 0,
      distinctPairs: 0,
      matchClusters: 0,
      reviewClusters: 0,
      recordsInClusters: 0,
      vetoedAboveReview: 0,
      phases: { pairs: lap(), score: 0, cluster: 0 },
    };
    let lastA = -1;
    let lastB = -1;
    for (;;) {
      const rows = page.all(lastA, lastB) as { a: number; b: number }[];
      if (rows.length === 0) break;
      const out: unknown[][] = [];
      for (const { a, b } of rows) {
        stats.candidatePairs++;
        const fa = features(a);
        const fb = features(b);
        let s = scorePair(fa, fb, weights, false);
        // Explanations are built only for pairs someone will read: links, and vetoed pairs that scored high.
        if (s.score >= reviewThreshold) s = scorePair(fa, fb, weights, true);
        if (s.vetoes.length) {
          stats.vetoedPairs++;
          if (s.score >= reviewThreshold) stats.vetoedAboveReview++;
          out.push([a, b, s.score, 'distinct', 1, s.score >= reviewThreshold ? JSON.stringify(s.vetoes) : null]);
        } else if (s.score >= matchThreshold) {
          stats.matchPairs++;
          out.push([a, b, s.score, 'match', 0, JSON.stringify(s.reasons)]);
        } else if (s.score >= reviewThreshold) {
          stats.reviewPairs++;
          out.push([a, b, s.score, 'review', 0, JSON.stringify(s.reasons)]);
        } else {
          // Distinct pairs are counted, not stored: clustering needs only the links and the vetoes.
          stats.distinctPairs++;
        }
      }
      writeScored(out);
      lastA = rows[rows.length - 1]!.a;
      lastB = rows[rows.length - 1]!.b;
    }

    stats.phases.score = lap();
    const isVetoed = db.prepare('SELECT 1 FROM dd_scored WHERE a = ? AND b = ? AND vetoed = 1');
    const uf = new VetoedUnionFind((x, y) => isVetoed.get(Math.min(x, y), Math.max(x, y)) !== undefined);
    const used: { a: number; b: number; score: number; decision: Decision; why: string }[] = [];
    // Matches first, then doubtful pairs, strongest first: the clusters grow from their surest links.
    const edges = db.prepare(`SELECT a, b, score, decision, why FROM dd_scored WHERE decision IN ('match', 'review') ORDER BY decision = 'review', score DESC, a, b`).iterate() as IterableIterator<{ a: number; b: number; score: number; decision: Decision; why: string }>;
    for (const e of edges) if (uf.union(e.a, e.b)) used.push(e);

    const member = (gid: number): ClusterMember => {
      const f = features(gid);
      const m: ClusterMember = { index: f.index, id: f.id ?? null };
      if (f.source === 'against') m.source = 'against';
      return m;
    };
    const clusters: Cluster[] = [];
    const byRoot = new Map<number, PairExplanation[]>();
    const decisionOf = new Map<number, Decision>();
    const scoreOf = new Map<number, number>();
    for (const e of used) {
      const root = uf.find(e.a);
      const list = byRoot.get(root) ?? [];
      list.push({ pair: [member(e.a), member(e.b)], score: e.score, decision: e.decision, reasons: JSON.parse(e.why) as Reason[] });
      byRoot.set(root, list);
      if (e.decision === 'review') decisionOf.set(root, 'review');
      scoreOf.set(root, Math.min(scoreOf.get(root) ?? 1, e.score));
    }
    for (const group of uf.groups()) {
      const root = uf.find(group[0]!);
      const decision = decisionOf.get(root) ?? 'match';
      const members = group.map(member);
      clusters.push({ id: '', decision, score: scoreOf.get(root) ?? 0, members, why: byRoot.get(root) ?? [] });
      if (decision === 'match') stats.matchClusters++;
      else stats.reviewClusters++;
      stats.recordsInClusters += members.length;
    }
    clusters.forEach((c, i) => (c.id = `c${i + 1}`));

    const vetoed: VetoedPair[] = [];
    for (const row of db.prepare('SELECT a, b, score, why FROM dd_scored WHERE vetoed = 1 AND why IS NOT NULL ORDER BY a, b').iterate() as IterableIterator<{ a: number; b: number; score: number; why: string }>) {
      vetoed.push({ pair: [member(row.a), member(row.b)], score: row.score, vetoes: JSON.parse(row.why) as Veto[] });
    }
    stats.phases.cluster = lap();
    return { clusters, vetoed, stats };
  }

  /** The features kept for a record (for review lists): by its position in its file and its source. */
  featuresOf(index: number, source: RecordSource = 'input'): RecordFeatures {
    const row = this.#store.db.prepare('SELECT json, display FROM dd_features WHERE gid = ?').get(source === 'against' ? AGAINST + index : index) as { json: string; display: string } | undefined;
    if (!row) throw new Error(`no record ${index} (${source}) in this dedup run`);
    return { ...(JSON.parse(row.json) as Omit<RecordFeatures, 'display'>), display: JSON.parse(row.display) as RecordFeatures['display'] };
  }

  close(): void {
    if (this.#ownStore) this.#store.close();
  }
}
