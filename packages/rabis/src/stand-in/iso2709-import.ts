import { createHash } from 'node:crypto';
import { type BranchDirectory, type Copy, toWebRabisInv, type WebRabisRef } from '@kitap/holdings';
import { type MarcRecord, readIso2709 } from '@kitap/marc';
import { copyLayoutOf, marcCopies } from '../marc/marc-copies.js';
import { marcSummary } from '../marc/marc-summary.js';
import type { ImportEntry } from './stand-in-store.js';

/*
 * How the stand-in reads an ISO2709 import batch (kitap's assumption, like
 * the route itself: no public Web-RABIS import format is known). Each record
 * becomes a record of the stand-in in the shape of web-rabis.jsonl: the title
 * (245 $a, or 200 $a), the first author, the language of 008, and its copies
 * read from its copy fields by @kitap/holdings's mappers, each copy's
 * library and department resolved through the branch directory to a
 * department code (`F04`, `CGB/ABON`), as `kitap inventory` codes them.
 */

/**
 * The records of an ISO2709 body, in order: each with its key (its 001, or
 * `sha256:` and the hash of its bytes) and the record to import, or with the
 * reason it is rejected (a record the reader refuses, with its place in the
 * batch; a record without a title; a copy without an inventory number or
 * library).
 */
export async function iso2709ImportEntries(bytes: Uint8Array, directory: BranchDirectory): Promise<ImportEntry[]> {
  const out: ImportEntry[] = [];
  for await (const item of readIso2709(bytes, { mode: 'skip' })) {
    if (item.kind === 'reject') {
      const { reject } = item;
      const raw = typeof reject.raw === 'string' ? Buffer.from(reject.raw, 'utf8') : reject.raw;
      const where = `record ${(reject.place.index ?? out.length) + 1} of the batch, byte ${reject.place.offset ?? 0}`;
      out.push({ record: null, key: reject.place.recordId ?? `sha256:${sha256(raw)}`, problem: `not a readable ISO2709 record (${where}): ${reject.code}: ${reject.message}` });
      continue;
    }
    const { record } = item;
    const summary = marcSummary(record);
    const key = summary.controlNumber ?? `sha256:${sha256(record.sourceBytes ?? new Uint8Array())}`;
    const made = importRecordOf(record, directory);
    out.push(typeof made === 'string' ? { record: null, key, problem: made } : { record: made, key });
  }
  return out;
}

/** The stand-in's record made from a MARC record, or why it cannot be made. */
function importRecordOf(record: MarcRecord, directory: BranchDirectory): Record<string, unknown> | string {
  const summary = marcSummary(record);
  if (summary.title === undefined) return 'the record has no title (245 $a, or 200 $a)';
  const layout = copyLayoutOf(record);
  const inv: unknown[] = [];
  for (const [index, { copy }] of marcCopies(record, layout).entries()) {
    const made = toWebRabisInv(copy, { department: (c) => departmentOf(c, directory), index });
    if (!made.ok) return `copy ${index + 1} (${layout}): ${made.reason}`;
    inv.push(made.inv);
  }
  const doc: Record<string, unknown> = { title: summary.title, inv, kitap: { source: 'iso2709', ...(layout === undefined ? {} : { copyLayout: layout }) } };
  if (summary.author !== undefined) doc['author'] = summary.author;
  if (summary.controlNumber !== undefined) (doc['kitap'] as Record<string, unknown>)['controlNumber'] = summary.controlNumber;
  const language = record.controlValue('008')?.slice(35, 38);
  if (language !== undefined && /^[a-z]{3}$/.test(language)) doc['language'] = { language };
  return doc;
}

/**
 * The department code of a copy: its library resolved through the branch
 * directory (a code, a name or a usual spelling: `F04`, `ЦГБ`, `№11 д.`),
 * with `/<unit>` when its department is a unit of that library. A library
 * the directory does not know keeps its text as the code (the dictionary
 * then refuses it, with the reason); no library at all is no department.
 */
function departmentOf(copy: Copy, directory: BranchDirectory): WebRabisRef | undefined {
  if (copy.branch === undefined) return undefined;
  const branch = directory.resolve(copy.branch);
  if (branch === undefined) return { code: copy.branch.trim() };
  const unit = copy.department === undefined ? undefined : directory.department(branch, copy.department);
  return unit === undefined ? { code: branch.code, name: branch.name } : { code: `${branch.code}/${unit.code}`, name: `${branch.name}, ${unit.name}` };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
