import type { MarcRecord } from '@kitap/marc';
import { type OpenDatabase, openDatabase } from '@kitap/store';
import { AUTHOR_BLOCK, blockingKeys } from './blocking-keys.js';
import { CandidatePairs } from './blocks.js';
import type { DedupConfig } from './config.js';
import { type RecordFeatures, type RecordSource, recordFeatures } from './features.js';
import { KeyRows } from './key-rows.js';
import { Links } from './links.js';
import { FeatureTable } from './feature-table.js';
import { type ComparedFeatures, type Reason, type Veto, scorePair } from './score.js';
import { TableScorer } from './table-score.js';
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
/** Display rows written by one statement. */
const DISPLAY_ROWS = 64;

/**
 * One dedup run: records go in one by one, then `finish` builds the
 * candidate pairs from shared keys, scores them, and clusters the matches and
 * doubtful pairs. Input positions are kept as they are; records of the
 * `--against` catalog get ids from 2^30 up.
 *
 * What is kept, and where: the compared features of every record in memory
 * as rows of numbers (`FeatureTable`: scoring reads them in no useful order;
 * about 300 bytes a record), the blocking keys as 8-byte hashed rows
 * (`KeyRows`), what people read (the display form of each record) in the
 * SQLite store, and the scored pairs that matter — links and vetoed pairs
 * that scored high — as numbers (`Links`), explained again when the clusters
 * are made. Candidate pairs are never stored: they are walked in order from
 * the blocks (`CandidatePairs`) and scored as they come.
 */
export class DedupRun {
  readonly #store: OpenDatabase;
  readonly #ownStore: boolean;
  /** Display rows waiting to be written: record number, display JSON, record number, … */
  #pending: (number | string)[] = [];
  readonly #flush;
  /** The compared features of every record, by order of adding. */
  readonly #table = new FeatureTable();
  readonly #added: Record<RecordSource, number[]> = { input: [], against: [] };
  readonly #keys = new KeyRows();
  #records = 0;
  #against = 0;
  #finished = false;

  constructor(
    readonly config: DedupConfig,
    store?: OpenDatabase,
  ) {
    this.#store = store ?? openDatabase();
    this.#ownStore = store === undefined;
    const db = this.#store.db;
    db.exec(`
      DROP TABLE IF EXISTS dd_display;
      CREATE TABLE dd_display (seq INTEGER PRIMARY KEY, display TEXT NOT NULL);
    `);
    // Many rows a statement: a statement's run costs more than the row it writes.
    const one = db.prepare('INSERT INTO dd_display (seq, display) VALUES (?, ?)');
    const many = db.prepare(`INSERT INTO dd_display (seq, display) VALUES ${Array<string>(DISPLAY_ROWS).fill('(?, ?)').join(', ')}`);
    this.#flush = db.transaction((values: (number | string)[]) => {
      let i = 0;
      for (; i + 2 * DISPLAY_ROWS <= values.length; i += 2 * DISPLAY_ROWS) many.run(values.slice(i, i + 2 * DISPLAY_ROWS));
      for (; i < values.length; i += 2) one.run(values[i], values[i + 1]);
    });
  }

  /** Adds a record (its features and keys); `index` is its position in its file. */
  add(record: MarcRecord, index: number, source: RecordSource = 'input'): RecordFeatures {
    if (this.#finished) throw new Error('this dedup run is finished: no record can be added');
    if (this.#added[source][index] !== undefined) throw new Error(`record ${index} (${source}) was added to this dedup run twice`);
    const features = recordFeatures(record, index, source, this.config.layouts);
    if (source === 'against') this.#against++;
    else this.#records++;
    const seq = this.#table.add(features);
    this.#added[source][index] = seq;
    for (const k of blockingKeys(features, { ngram: this.config.ngramKeys })) this.#keys.add(seq, k);
    // What people read (review lists) is kept apart from what is compared, and only on disk.
    this.#pending.push(seq, JSON.stringify(features.display));
    if (this.#pending.length >= 8192) this.#flushPending();
    return features;
  }

  #flushPending(): void {
    this.#flush(this.#pending);
    this.#pending = [];
  }

  /** Builds the candidate pairs, scores them and makes the clusters; once a run. */
  finish(): { clusters: Cluster[]; vetoed: VetoedPair[]; stats: DedupStats } {
    if (this.#finished) throw new Error('this dedup run is finished already');
    this.#finished = true;
    let mark = performance.now();
    const lap = (): number => {
      const now = performance.now();
      const seconds = Math.round(now - mark) / 1000;
      mark = now;
      return seconds;
    };
    this.#flushPending();
    const { maxBlock, matchThreshold, reviewThreshold, weights } = this.config;
    const keyOptions = { ngram: this.config.ngramKeys };

    // Records are numbered by id (input positions, then --against), the order pairs and clusters follow.
    const n = this.#table.rows;
    const gid = (seq: number): number => (this.#table.against(seq) ? AGAINST : 0) + this.#table.index(seq);
    const bySeq = [...Array(n).keys()];
    const inOrder = bySeq.every((seq) => seq === 0 || gid(seq - 1) < gid(seq));
    if (!inOrder) bySeq.sort((x, y) => gid(x) - gid(y));
    const rankOf = new Int32Array(n);
    bySeq.forEach((seq, rank) => (rankOf[seq] = rank));
    const table = inOrder ? this.#table : this.#table.reorder(bySeq);
    const rows = this.#keys.sorted(inOrder ? undefined : rankOf);
    const authorCap = Math.min(AUTHOR_BLOCK, maxBlock);
    const pairs = new CandidatePairs(rows, {
      records: n,
      against: (r) => table.against(r),
      keys: (r) => blockingKeys(table.keyed(r), keyOptions),
      cap: (key) => (key.startsWith('a:') ? authorCap : maxBlock),
    });
    const scorer = new TableScorer(table.view, weights);
    // Pairs come in order of their first record: its features are made once for all its pairs.
    let current = -1;
    let currentFeatures: ComparedFeatures | undefined;
    const features = (r: number): ComparedFeatures => {
      if (r !== current) {
        current = r;
        currentFeatures = table.get(r);
      }
      return currentFeatures!;
    };

    const stats: DedupStats = {
      records: this.#records,
      againstRecords: this.#against,
      keys: rows.rows,
      blocks: pairs.blocks,
      oversizedBlocks: pairs.oversizedBlocks,
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
    const links = new Links();
    /** Vetoed pairs that scored at least the review threshold (reported with their vetoes). */
    const vetoedHigh = new Links();
    pairs.forEach((a, b) => {
      stats.candidatePairs++;
      // Most pairs are distinct: the ceiling (every feature but the title, which gets all its points) tells
      // most of them without comparing titles.
      if (scorer.ceiling(a, b) < reviewThreshold) {
        if (scorer.vetoed(a, b)) stats.vetoedPairs++;
        else stats.distinctPairs++;
        return;
      }
      const s = scorePair(features(a), table.get(b), weights, false);
      if (s.vetoes.length) {
        stats.vetoedPairs++;
        if (s.score >= reviewThreshold) {
          stats.vetoedAboveReview++;
          vetoedHigh.push(a, b, s.score);
        }
      } else if (s.score >= matchThreshold) {
        stats.matchPairs++;
        links.push(a, b, s.score);
      } else if (s.score >= reviewThreshold) {
        stats.reviewPairs++;
        links.push(a, b, s.score, true);
      } else {
        // Distinct pairs are counted, not kept: clustering needs only the links (vetoes are checked again when needed).
        stats.distinctPairs++;
      }
    });

    stats.phases.score = lap();
    // Two records a veto separates never share a cluster, whether or not they were a candidate pair: a veto
    // depends on the two records alone (the 2nd and the 3rd edition share no key, yet a record without an edition
    // statement may link to both). Every pair across two groups is asked before they join.
    const uf = new VetoedUnionFind((x, y) => scorer.vetoed(x, y));
    // Matches first, then doubtful pairs, strongest first: the clusters grow from their surest links.
    const used: number[] = [];
    for (const i of links.clusteringOrder()) if (uf.union(links.a(i), links.b(i))) used.push(i);

    const member = (rank: number): ClusterMember => {
      const m: ClusterMember = { index: table.index(rank), id: table.id(rank) ?? null };
      if (table.against(rank)) m.source = 'against';
      return m;
    };
    const clusters: Cluster[] = [];
    const byRoot = new Map<number, PairExplanation[]>();
    const decisionOf = new Map<number, Decision>();
    const scoreOf = new Map<number, number>();
    for (const i of used) {
      const a = links.a(i);
      const b = links.b(i);
      const score = links.score(i);
      const decision: Decision = links.review(i) ? 'review' : 'match';
      const root = uf.find(a);
      const list = byRoot.get(root) ?? [];
      // The explanation, worked out again for the pairs that joined a cluster (scoring is deterministic).
      list.push({ pair: [member(a), member(b)], score, decision, reasons: scorePair(table.get(a), table.get(b), weights, true).reasons });
      byRoot.set(root, list);
      if (decision === 'review') decisionOf.set(root, 'review');
      scoreOf.set(root, Math.min(scoreOf.get(root) ?? 1, score));
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
    for (let i = 0; i < vetoedHigh.length; i++) {
      const a = vetoedHigh.a(i);
      const b = vetoedHigh.b(i);
      vetoed.push({ pair: [member(a), member(b)], score: vetoedHigh.score(i), vetoes: scorePair(table.get(a), table.get(b), weights, false).vetoes });
    }
    stats.phases.cluster = lap();
    return { clusters, vetoed, stats };
  }

  /** The features kept for a record (for review lists): by its position in its file and its source. */
  featuresOf(index: number, source: RecordSource = 'input'): RecordFeatures {
    if (this.#pending.length) this.#flushPending();
    const seq = this.#added[source][index];
    const row = seq === undefined ? undefined : (this.#store.db.prepare('SELECT display FROM dd_display WHERE seq = ?').get(seq) as { display: string } | undefined);
    if (seq === undefined || !row) throw new Error(`no record ${index} (${source}) in this dedup run`);
    return { ...this.#table.get(seq), display: JSON.parse(row.display) as RecordFeatures['display'] };
  }

  close(): void {
    if (this.#ownStore) this.#store.close();
  }
}
