import { AtomicFile, BufferedSink, KitapError, isKitapError, type Finding } from '@kitap/core';
import { type BranchDirectory, type CopyStatus, type InventoryNumberOptions, type MapperLayout, type WebRabisRef, isIsoDate } from '@kitap/holdings';
import { type MarcRecord, readRecords, writeIso2709 } from '@kitap/marc';
import { readActs } from '../acts/read-acts.js';
import { copiesWanted } from '../audit/act-line-match.js';
import type { HoldingCopy } from '../holdings/holding-copy.js';
import { readHoldings } from '../holdings/read-holdings.js';
import { DEFAULT_SUBJECT_RULES } from '../statistics/subject-rules.js';
import { type PlannedChange, planActLines } from './apply-plan.js';
import type { ApplyResult } from './apply-result.js';
import { tallyApplied } from './apply-tally.js';
import { type EbookContext, applyToEbook } from './apply-to-ebook.js';
import { type AppliedChange, type RecordContext, applyToRecord } from './apply-to-record.js';
import { countCopies } from './count-copies.js';
import { type JsonlDocument, JsonlDocuments } from './jsonl-documents.js';
import { type NotAppliedLine, copyRef, notApplied } from './not-applied.js';

/** What `applyActs` reads and writes. */
export interface ApplyActsOptions {
  /** ISO2709 records (as `runInventory` writes records.mrc), copies in `layouts`. */
  records: string;
  /** `web-rabis.jsonl` of the same run: one document per record, in the same order. */
  jsonl?: string | undefined;
  /** Act files, or folders of them (as `readActs` takes them). */
  acts: readonly string[];
  outRecords: string;
  /** Where the changed web-rabis.jsonl goes; given exactly when `jsonl` is. */
  outJsonl?: string | undefined;
  /** The copy layouts read from the records (see PROFILE_LAYOUTS). */
  layouts: readonly MapperLayout[];
  branches: BranchDirectory;
  /** How inventory numbers are normalised, as for `runAudit`. */
  inventoryNumbers: InventoryNumberOptions;
  /** The date of the holdings (YYYY-MM-DD): acts dated after it are not applied. */
  asOf: string;
  /** Web-RABIS state codes of the installation, over DEFAULT_WEB_RABIS_STATES. */
  stateCodes?: Partial<Record<CopyStatus, WebRabisRef>> | undefined;
}

function usage(message: string): KitapError {
  return new KitapError('E_USAGE', message);
}

/** Not applied because the record's fields could not take the change (applyToRecord's reason). */
function refusedByLayout(change: PlannedChange, reason: string): NotAppliedLine {
  return notApplied('W_ACT_NOT_APPLIED_LAYOUT', change.line, `copy «${change.copy.inventoryNumber}» was not changed: ${reason}`, { copies: [copyRef(change.copy)] });
}

/** How many copies (`inv` entries) a web-rabis.jsonl document lists; undefined when it is not such a document. */
function copiesListed(text: string): number | undefined {
  try {
    const inv = (JSON.parse(text) as { inv?: unknown }).inv;
    return Array.isArray(inv) ? inv.length : undefined;
  } catch {
    return undefined;
  }
}

/** What the writing pass keeps as it goes. */
interface WritingPass {
  counts: ApplyResult['counts'];
  webRabis: NonNullable<ApplyResult['counts']['webRabis']>;
  applied: AppliedChange[];
  refused: NotAppliedLine[];
  notInMarc: Map<string, number>;
  context: RecordContext;
  ebook: EbookContext;
}

/**
 * One record of the writing pass: its changes made (or refused), its copies
 * counted in and out, and the bytes to write for it and, when it changed,
 * for its web-rabis.jsonl document. A record with no change made goes out as
 * the bytes it was read from.
 */
function passRecord(pass: WritingPass, record: MarcRecord, changes: readonly PlannedChange[] | undefined, doc: JsonlDocument | undefined): { bytes: Uint8Array; docBytes?: Uint8Array } {
  const { counts, context } = pass;
  const before = countCopies(record, context.layouts);
  counts.copies.in += before;
  const outcome = changes === undefined ? undefined : applyToRecord(record, changes, context);
  for (const r of outcome?.refused ?? []) pass.refused.push(refusedByLayout(r.change, r.reason));
  let written: Uint8Array | undefined;
  if (outcome !== undefined && outcome.applied.length > 0) {
    try {
      written = writeIso2709(outcome.record);
    } catch (error) {
      if (!isKitapError(error)) throw error;
      for (const a of outcome.applied) pass.refused.push(refusedByLayout(a.change, `the changed record cannot be written (${error.code}: ${error.message})`));
    }
  }
  if (outcome === undefined || written === undefined) {
    counts.copies.out += before;
    return { bytes: record.sourceBytes ?? writeIso2709(record) };
  }
  counts.records.changed++;
  counts.copies.out += countCopies(outcome.record, context.layouts);
  counts.copies.changed += new Set(outcome.applied.map((a) => a.change.copy.key)).size;
  pass.applied.push(...outcome.applied);
  for (const l of outcome.notInMarc) pass.notInMarc.set(l.property, (pass.notInMarc.get(l.property) ?? 0) + 1);
  if (doc === undefined) return { bytes: written };
  const changed = applyToEbook(doc.text, outcome.applied, doc.line, pass.ebook);
  pass.webRabis.changed += changed.changed;
  pass.webRabis.notListed += changed.notListed;
  return changed.changed > 0 ? { bytes: written, docBytes: Buffer.from(`${changed.text}${doc.end}`, 'utf8') } : { bytes: written };
}

/**
 * Applies a year's write-off and transfer acts to the holdings of a migration
 * (`kitap migrate`): an act line that matches exactly one copy still in the
 * fund gives it its status and the act's facts (see `planActLines` and
 * `changedCopy`), in records.mrc through the copy layout's mapper and, when
 * given, in web-rabis.jsonl. Every other line is listed with its reason and
 * left for the audit (`runAudit` on the output) to report.
 *
 * The holdings are read twice, as streams: once for the copies the acts name
 * (memory grows with the acts, not with the fund), once to write. Records
 * with no changed copy are written back byte for byte, records and documents
 * in their order; the outputs are written to temporary files and renamed at
 * the end, so a failed run leaves none. Throws `E_LEDGER` when copies or
 * records in and out, or act lines and their outcomes, do not balance.
 */
export async function applyActs(options: ApplyActsOptions): Promise<ApplyResult> {
  const { branches, inventoryNumbers, layouts } = options;
  if (!isIsoDate(options.asOf)) throw usage(`applyActs: asOf must be a date written YYYY-MM-DD, got "${options.asOf}"`);
  if ((options.jsonl === undefined) !== (options.outJsonl === undefined)) throw usage('applyActs: web-rabis.jsonl and its output go together: give both or neither');
  if (layouts.length === 0) throw usage('applyActs: no copy layout to read');

  const read = await readActs(options.acts, { branches, inventoryNumbers });
  const problems: Finding[] = [...read.problems];
  const lines = read.acts.flatMap((a) => a.lines);
  const wanted = copiesWanted<HoldingCopy>(lines);
  for await (const item of readHoldings(options.records, { branches, inventoryNumbers, rules: DEFAULT_SUBJECT_RULES, layouts, wants: (key) => wanted.has(key), wantsKeyOnly: true })) {
    if (item.kind === 'problem') problems.push(item.finding);
    else wanted.get(item.copy.key)?.push(item.copy);
  }
  const plan = planActLines(lines, wanted, options.asOf);
  const byRecord = new Map<number, PlannedChange[]>();
  for (const change of plan.changes) {
    const list = byRecord.get(change.copy.index) ?? [];
    list.push(change);
    byRecord.set(change.copy.index, list);
  }

  const counts: ApplyResult['counts'] = {
    acts: read.acts.length,
    lines: lines.length,
    applied: 0,
    notApplied: 0,
    records: { in: 0, out: 0, changed: 0, unreadable: 0 },
    copies: { in: 0, out: 0, changed: 0 },
  };
  const webRabis = { documents: { in: 0, out: 0 }, copies: { in: 0, out: 0 }, changed: 0, notListed: 0 };
  const pass: WritingPass = {
    counts,
    webRabis,
    applied: [],
    refused: [],
    notInMarc: new Map(),
    context: { layouts, branches, inventoryNumbers },
    ebook: { file: options.jsonl ?? '', branches, inventoryNumbers, stateCodes: options.stateCodes },
  };

  const recordsOut = new BufferedSink(new AtomicFile(options.outRecords));
  const jsonlOut = options.outJsonl === undefined ? undefined : new BufferedSink(new AtomicFile(options.outJsonl));
  const documents = options.jsonl === undefined ? undefined : new JsonlDocuments(options.jsonl, jsonlOut!);
  try {
    let index = -1;
    for await (const item of readRecords(options.records, { file: options.records, mode: 'lenient' })) {
      index++;
      counts.records.in++;
      const doc = documents === undefined ? undefined : await documents.next();
      if (documents !== undefined && doc === undefined) throw new KitapError('E_INPUT', `web-rabis.jsonl ends before records.mrc: it has no document for record ${index + 1}; the two must come from the same run`, { file: documents.path });
      let bytes: Uint8Array;
      let docBytes = doc?.bytes;
      if (item.kind === 'reject') {
        // Pass 1 found no copies in it, so no act line changes it: its bytes go out as they came.
        counts.records.unreadable++;
        const raw = item.reject.raw;
        bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      } else {
        const written = passRecord(pass, item.record, byRecord.get(index), doc);
        bytes = written.bytes;
        if (written.docBytes !== undefined) docBytes = written.docBytes;
      }
      await recordsOut.write(bytes);
      counts.records.out++;
      if (doc !== undefined) {
        webRabis.documents.in++;
        const copiesIn = copiesListed(doc.text);
        if (copiesIn === undefined) problems.push({ ruleId: 'E_JSON', severity: 'error', message: `web-rabis.jsonl line ${doc.line} is not JSON with an inv list; it is written out as it is`, place: { file: documents!.path, line: doc.line } });
        webRabis.copies.in += copiesIn ?? 0;
        webRabis.copies.out += docBytes === doc.bytes ? (copiesIn ?? 0) : (copiesListed(Buffer.from(docBytes!).toString('utf8')) ?? 0);
        await jsonlOut!.write(docBytes!);
        webRabis.documents.out++;
      }
    }
    if (documents !== undefined && (await documents.next()) !== undefined) {
      throw new KitapError('E_INPUT', `web-rabis.jsonl has more documents than records.mrc has records (${counts.records.in}); the two must come from the same run`, { file: documents.path });
    }
    if (counts.records.in !== counts.records.out || counts.copies.in !== counts.copies.out || webRabis.documents.in !== webRabis.documents.out || webRabis.copies.in !== webRabis.copies.out) {
      throw new KitapError(
        'E_LEDGER',
        `records in ${counts.records.in}, out ${counts.records.out}; copies in ${counts.copies.in}, out ${counts.copies.out}; web-rabis.jsonl documents in ${webRabis.documents.in}, out ${webRabis.documents.out}, copies in ${webRabis.copies.in}, out ${webRabis.copies.out}`,
        { file: options.outRecords },
      );
    }
    await recordsOut.close();
    await jsonlOut?.close();
  } catch (error) {
    await recordsOut.abort().catch(() => undefined);
    await jsonlOut?.abort().catch(() => undefined);
    throw error;
  }

  if (documents !== undefined) counts.webRabis = webRabis;
  return tallyApplied({ acts: read.acts, counts, applied: pass.applied, notApplied: [...plan.notApplied, ...pass.refused], notInMarc: pass.notInMarc, problems, branches });
}
