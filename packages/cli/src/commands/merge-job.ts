import { writeFile } from 'node:fs/promises';
import { type Code, KitapError, Ledger, isKitapError, openSink } from '@kitap/core';
import { type DedupConfig, copyFieldCount, mergeCluster } from '@kitap/dedup';
import { type InputFormat, type MarcRecord, type OutputFormat, type ReadMode, type RecordEncoder, encoderFor, outputFormatFromName, readIso2709All, readRecords, writeIso2709 } from '@kitap/marc';
import { openDatabase } from '@kitap/store';
import { dedupSettings } from '../job/dedup-settings.js';
import { type LoadedDecisions, type MergeDecision, loadDecisions } from '../job/decisions.js';
import { HashingInput } from '../job/hashing-input.js';
import { HashedOutput } from '../job/hashed-output.js';
import { JournalFile } from '../job/journal-file.js';
import { requireDistinct, samePath } from '../job/paths.js';
import { Progress } from '../job/progress.js';
import { RejectFile } from '../job/reject-file.js';
import type { Io } from '../io.js';

export interface MergeOptions {
  input: string;
  decisions: string;
  output: string;
  journal?: string;
  config?: string;
  from: InputFormat | 'auto';
  encoding: string;
  mode: ReadMode;
  rejects?: string;
  report?: string;
}

export interface MergeReport {
  command: 'merge';
  input: { path: string; sha256: string };
  output: { path: string; format: OutputFormat; bytes: number; sha256: string };
  decisions: { path: string; merged: number; kept: number; undecided: number; withCatalog: number };
  counts: { read: number; written: number; mergedAway: number; rejected: number; notMerged: number; copiesIn: number; copiesOut: number; fieldsBrought: number };
  clusters: { cluster: string; survivor: number; mergedAway: number[]; copies: number }[];
  /** Clusters decided merge that were left apart because their merged record cannot be written. */
  notMerged: NotMergedCluster[];
  ledger: ReturnType<Ledger['toJSON']>;
}

/**
 * A cluster the decisions merge but the run could not: its records are written
 * as they were read, and the cataloguer is told which cluster and why, so the
 * decision can be changed (or the copies split) and the merge run again.
 */
export interface NotMergedCluster {
  code: 'W_MERGE_NOT_APPLIED_UNWRITABLE';
  cluster: string;
  /** Input positions (from 0, as in the dedup report) and 001 of the members. */
  members: { index: number; id: string | null }[];
  /** What the ISO2709 writer refused: E_RECORD_TOO_LONG, E_FIELD_TOO_LONG, E_ESC_IN_DATA… */
  writerCode: Code;
  /** The writer's reason, e.g. "the merged record would be 123,456 bytes; ISO2709 allows 99,999". */
  reason: string;
}

/** A record kept in the store between the passes: ISO2709 bytes and the character set they were read in. */
function storedBytes(record: MarcRecord): { bytes: Uint8Array; charset: string } {
  const source = record.sourceBytes;
  if (source && record.sourceCharset) return { bytes: source, charset: record.sourceCharset };
  // Read back as UTF-8 explicitly, so an ESC in a value is safe here (the output's writer decides about it).
  return { bytes: writeIso2709(record, { keepEsc: true }), charset: 'utf-8' };
}

/** storedBytes, or the writer's refusal of a record ISO2709 cannot hold. */
function storeMember(record: MarcRecord): { bytes: Uint8Array; charset: string } | { error: KitapError } {
  try {
    return storedBytes(record);
  } catch (error) {
    if (!isKitapError(error)) throw error;
    return { error };
  }
}

/**
 * What the reject file keeps of a record read from MARCXML or JSON that the writer refused: its
 * ISO2709 bytes when ISO2709 can hold it (an ESC), else its fields as JSON (too long), as kitap fix
 * does — asking the writer again would only throw again, and stop the run.
 */
function rejectedRaw(record: MarcRecord): Uint8Array | string {
  const stored = storeMember(record);
  return 'error' in stored ? JSON.stringify({ leader: record.leader.value, fields: record.fields }) : stored.bytes;
}

/**
 * The writer's reason in a cataloguer's words: the writer says "the record would be 123456
 * bytes"; here it is the merged record, and a six-digit length is easier read with separators.
 */
function writerReason(error: KitapError, what: string): string {
  let reason = /^the record\b/u.test(error.message) ? error.message.replace(/^the record\b/u, what) : `${what}: ${error.message}`;
  if (error.code === 'E_RECORD_TOO_LONG' || error.code === 'E_FIELD_TOO_LONG') reason = reason.replace(/\b\d{5,}\b/gu, (n) => Number(n).toLocaleString('en-US'));
  return reason;
}

function notMergedCluster(d: MergeDecision, error: KitapError, reason: string): NotMergedCluster {
  return { code: 'W_MERGE_NOT_APPLIED_UNWRITABLE', cluster: d.cluster, members: d.members.map(({ index, id }) => ({ index, id })), writerCode: error.code, reason };
}

/**
 * The merged record as the output's writer writes it, or the writer's refusal. Checked before
 * pass 2, so that a cluster whose survivor cannot be written is left unmerged — every member
 * written as it was — instead of stopping the run or losing the merged-away records' copies.
 */
function encodeMerged(encoder: RecordEncoder, record: MarcRecord): { bytes: Uint8Array } | { error: KitapError } {
  try {
    const encoded = encoder.encode(record, 0);
    return { bytes: typeof encoded === 'string' ? Buffer.from(encoded, 'utf8') : encoded };
  } catch (error) {
    if (!isKitapError(error)) throw error;
    return { error };
  }
}

/** "record 3 (001 KZ-3)": how the summary names a member, counting from 1 as the other messages do. */
function memberLabel(m: { index: number; id: string | null }): string {
  return `record ${m.index + 1}${m.id ? ` (001 ${m.id})` : ''}`;
}

/**
 * Applies merge decisions in two passes over the input: the first keeps the
 * cluster members in a SQLite store and merges each cluster; the second writes
 * every record in input order — a survivor as merged, a merged-away record not
 * at all (its bytes go to the journal), every other record as it was. A
 * cluster whose merged record the writer refuses (too long for ISO2709…) is
 * not merged: its records are written as they were, and it is reported.
 * Copies in must equal copies out, or nothing is written.
 */
export async function runMerge(options: MergeOptions, io: Io): Promise<MergeReport> {
  if (options.input === '-') throw new KitapError('E_USAGE', 'kitap merge reads its input twice: give a file, not standard input');
  if (samePath(options.input, options.output)) throw new KitapError('E_USAGE', 'kitap merge never writes over its input: give -o a different file');
  const { config } = dedupSettings(options.config);
  const decisions = await loadDecisions(options.decisions);
  // The journal keeps the survivors' original ISO2709 bytes for undo, so the merged file is ISO2709 too.
  const named = outputFormatFromName(options.output);
  if (named !== undefined && named !== 'iso2709') {
    throw new KitapError('E_USAGE', 'kitap merge writes ISO2709 (so that --undo can give back every record byte for byte); convert the merged file afterwards with kitap convert');
  }
  const to: OutputFormat = 'iso2709';
  const journalPath = options.journal ?? `${options.output}.journal.jsonl`;
  const rejectsPath = options.rejects ?? `${options.output}.rejects.ndjson`;
  const reportPath = options.report ?? `${options.output}.report.json`;
  requireDistinct('merge', [['input', options.input], ['--decisions file', options.decisions]], [['-o', options.output], ['--journal', journalPath], ['--rejects', rejectsPath], ['--report', reportPath]]);

  // Who goes where: member index → its cluster.
  const clusterOf = new Map<number, number>();
  decisions.merge.forEach((d, n) => {
    for (const m of d.members) {
      if (clusterOf.has(m.index)) throw new KitapError('E_DECISIONS', `record ${m.index + 1} is in two clusters (${decisions.merge[clusterOf.get(m.index)!]!.cluster} and ${d.cluster})`, { file: options.decisions });
      clusterOf.set(m.index, n);
    }
  });

  const store = openDatabase();
  const ledger = new Ledger();
  const progress = new Progress('merge');
  try {
    store.db.exec('CREATE TABLE members (idx INTEGER PRIMARY KEY, bytes BLOB NOT NULL, charset TEXT NOT NULL); CREATE TABLE merged (survivor INTEGER PRIMARY KEY, bytes BLOB NOT NULL, copies INTEGER NOT NULL)');
    const putMember = store.db.prepare('INSERT INTO members (idx, bytes, charset) VALUES (?, ?, ?)');
    const readOptions = { format: options.from, file: options.input, encoding: options.encoding, mode: options.mode } as const;

    // Pass 1: keep the members, check their 001 against the decisions, count copies.
    const unwritable = new Map<number, NotMergedCluster>();
    const first = new HashingInput(options.input);
    let copiesIn = 0;
    let records = 0;
    for await (const item of readRecords(first, readOptions)) {
      records++;
      progress.tick(records);
      if (item.kind === 'reject') continue;
      const r = item.record;
      const index = r.place.index ?? records - 1;
      copiesIn += copyFieldCount(r);
      const n = clusterOf.get(index);
      if (n === undefined) continue;
      const expected = decisions.merge[n]!.members.find((m) => m.index === index)!.id;
      const actual = r.controlValue('001')?.trim() ?? null;
      if (expected === null && actual !== null) {
        throw new KitapError('E_DECISIONS', `record ${index + 1} has 001 "${actual}" but the decisions give none for it: fill in each member's 001, so that the list is checked against this file`, { file: options.decisions });
      }
      if (expected !== null && expected !== actual) {
        throw new KitapError('E_DECISIONS', `record ${index + 1} has 001 "${actual ?? ''}" but the decisions say "${expected}": they were made for another file`, { file: options.decisions });
      }
      const stored = storeMember(r);
      if ('error' in stored) {
        // A member ISO2709 cannot hold (from MARCXML, say) cannot be merged: its cluster stays apart.
        const d = decisions.merge[n]!;
        if (!unwritable.has(n)) unwritable.set(n, notMergedCluster(d, stored.error, writerReason(stored.error, memberLabel({ index, id: actual }))));
        continue;
      }
      putMember.run(index, Buffer.from(stored.bytes), stored.charset);
    }
    if (decisions.inputSha256 !== undefined && decisions.inputSha256 !== first.sha256()) {
      throw new KitapError('E_DECISIONS', 'the dedup report was made for another version of this file (its SHA-256 differs): run kitap dedup again', { file: options.decisions });
    }

    // Merge each cluster from the stored bytes.
    const getMember = store.db.prepare('SELECT bytes, charset FROM members WHERE idx = ?');
    const putMerged = store.db.prepare('INSERT INTO merged (survivor, bytes, copies) VALUES (?, ?, ?)');
    const survivorOf = new Map<number, number>();
    const clusters: MergeReport['clusters'] = [];
    const notMerged: NotMergedCluster[] = [];
    const encoder = encoderFor(to);
    let fieldsBrought = 0;
    for (const [n, d] of decisions.merge.entries()) {
      const left = unwritable.get(n);
      if (left) {
        notMerged.push(left);
        continue;
      }
      const members: MarcRecord[] = [];
      for (const m of d.members) {
        const row = getMember.get(m.index) as { bytes: Buffer; charset: string } | undefined;
        if (!row) throw new KitapError('E_DECISIONS', `record ${m.index + 1} of cluster ${d.cluster} is not in the input (or could not be read)`, { file: options.decisions });
        const [item] = await readIso2709All(row.bytes, { encoding: row.charset, mode: 'lenient' });
        if (!item || item.kind !== 'record') throw new KitapError('E_DECISIONS', `record ${m.index + 1} cannot be read again`, { file: options.input, index: m.index });
        item.record.place = { ...item.record.place, index: m.index };
        members.push(item.record);
      }
      const outcome = mergeCluster(members, config);
      const written = encodeMerged(encoder, outcome.record);
      if ('error' in written) {
        // Left out of survivorOf, the members go through pass 2 like any other record: as they were read.
        notMerged.push(notMergedCluster(d, written.error, writerReason(written.error, 'the merged record')));
        continue;
      }
      const survivorIndex = d.members[outcome.survivor]!.index;
      for (const m of d.members) survivorOf.set(m.index, survivorIndex);
      putMerged.run(survivorIndex, Buffer.from(written.bytes), outcome.copiesOut);
      fieldsBrought += outcome.fieldsBrought;
      clusters.push({ cluster: d.cluster, survivor: survivorIndex, mergedAway: d.members.map((m) => m.index).filter((i) => i !== survivorIndex), copies: outcome.copiesOut });
    }

    // Pass 2: write in input order.
    const input = new HashingInput(options.input);
    const sink = new HashedOutput(openSink(options.output));
    const journal = new JournalFile(journalPath);
    const rejects = new RejectFile(rejectsPath);
    const read = ledger.stage('read');
    const merge = ledger.stage('merge');
    const copies = ledger.stage('copies');
    const getMerged = store.db.prepare('SELECT bytes, copies FROM merged WHERE survivor = ?');
    let copiesOut = 0;
    let copiesRejected = 0;
    try {
      await journal.header({ type: 'journal', version: 1, tool: 'kitap merge', input: { path: options.input }, output: { path: options.output, format: to }, profile: 'dedup', rules: [] });
      for (const c of clusters) await journal.note({ type: 'merge', ...c });
      // Said apart, so that nobody reading the journal takes these clusters for merged.
      for (const c of notMerged) await journal.note({ type: 'not-merged', ...c });
      await sink.write(encoder.header);
      for await (const item of readRecords(input, readOptions)) {
        read.in++;
        if (item.kind === 'reject') {
          read.rejected++;
          ledger.countReject(item.reject.code);
          await rejects.add(item.reject);
          await journal.rejected(item.reject, merge.out);
          continue;
        }
        read.out++;
        merge.in++;
        const original = item.record;
        const index = original.place.index ?? read.in - 1;
        const survivor = survivorOf.get(index);
        if (survivor !== undefined && survivor !== index) {
          const { bytes } = storedBytes(original);
          const id = original.controlValue('001')?.trim();
          await journal.removed({ beforeOutput: merge.out, index, ...(id ? { id } : {}), into: survivor, base64: Buffer.from(bytes).toString('base64') });
          merge.filtered++;
          continue;
        }
        if (survivor === index) {
          // The bytes the writer already gave when the cluster was merged; the journal keeps the original's.
          const row = getMerged.get(index) as { bytes: Buffer; copies: number };
          await journal.record(original, index, merge.out, row.bytes, []);
          copiesOut += row.copies;
          await sink.write(row.bytes);
          merge.out++;
          continue;
        }
        const record = original;
        let bytes: Uint8Array;
        try {
          const encoded = encoder.encode(record, merge.out);
          bytes = typeof encoded === 'string' ? Buffer.from(encoded, 'utf8') : encoded;
        } catch (error) {
          if (!isKitapError(error)) throw error;
          merge.rejected++;
          copiesRejected += copyFieldCount(record);
          const reject = { code: error.code, message: error.message, place: { ...original.place, ...error.place }, raw: original.sourceBytes ?? rejectedRaw(original) };
          ledger.countReject(error.code);
          await rejects.add(reject);
          await journal.rejected(reject, merge.out);
          continue;
        }
        // A record whose bytes change on the way (a cp1251 one) keeps its original bytes in the journal.
        await journal.record(original, index, merge.out, bytes, []);
        copiesOut += copyFieldCount(record);
        await sink.write(bytes);
        merge.out++;
      }
      copies.in = copiesIn;
      copies.out = copiesOut;
      // Copies of a record the writer refused travel with its bytes in the reject file.
      copies.rejected = copiesRejected;
      if (copies.in !== copies.out + copies.rejected) {
        throw new KitapError('E_MERGE_COPY_LOST', `${copiesIn} copies read but ${copiesOut} written and ${copiesRejected} rejected: nothing was written`, { file: options.input });
      }
      await sink.write(encoder.footer);
      await sink.close();
      await journal.end(merge.out, { bytes: input.bytes, sha256: input.sha256() }, { bytes: sink.bytes, sha256: sink.sha256() });
      await rejects.close();
    } catch (error) {
      await sink.abort();
      await journal.abort();
      await rejects.abort();
      throw error;
    }
    progress.done();

    const report: MergeReport = {
      command: 'merge',
      input: { path: options.input, sha256: input.sha256() },
      output: { path: options.output, format: to, bytes: sink.bytes, sha256: sink.sha256() },
      decisions: { path: options.decisions, merged: decisions.merge.length, kept: decisions.kept, undecided: decisions.undecided, withCatalog: decisions.withCatalog },
      counts: { read: read.in, written: merge.out, mergedAway: merge.filtered, rejected: read.rejected + merge.rejected, notMerged: notMerged.length, copiesIn, copiesOut, fieldsBrought },
      clusters,
      notMerged,
      ledger: ledger.toJSON(),
    };
    await writeFile(reportPath, JSON.stringify(report, null, 2) + '\n');
    printSummary(io, options, report, decisions, journalPath, reportPath, ledger);
    if (ledger.unbalanced().length) throw new KitapError('E_LEDGER', `stages ${ledger.unbalanced().join(', ')} do not balance`);
    return report;
  } finally {
    progress.done();
    store.close();
  }
}

function printSummary(io: Io, options: MergeOptions, r: MergeReport, d: LoadedDecisions, journalPath: string, reportPath: string, ledger: Ledger): void {
  io.err(`kitap merge: ${options.input} → ${options.output} (${r.output.format}), decisions ${options.decisions}`);
  const notMerged = r.notMerged.length ? `, ${r.notMerged.length} NOT merged (their records written as they were; see below)` : '';
  io.err(`  ${r.clusters.length} clusters merged (${r.counts.mergedAway} records merged away)${notMerged}, ${d.kept} kept apart, ${d.undecided} undecided (left apart)${d.withCatalog ? `, ${d.withCatalog} with records of another catalog (not merged here)` : ''}`);
  for (const c of r.notMerged) io.err(`  ${c.code}: cluster ${c.cluster} not merged — ${c.members.map(memberLabel).join(', ')}: ${c.reason} (${c.writerCode}); change its decision or split its copies, and merge again`);
  io.err(`  read ${r.counts.read}, written ${r.counts.written}, rejected ${r.counts.rejected}; copies in ${r.counts.copiesIn} = copies out ${r.counts.copiesOut}; ${r.counts.fieldsBrought} fields brought to survivors`);
  for (const line of ledger.format()) io.err(`  ledger ${line}`);
  io.err(`  journal: ${journalPath} (undo: kitap merge --undo ${journalPath} ${options.output} -o <restored>)`);
  io.err(`  report: ${reportPath}`);
}
