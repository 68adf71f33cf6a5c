import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { type FileView, fileProblem } from './file-problem.js';
import { type FileStamp, sameStamp, stampOf } from './file-stamp.js';
import { type JournalEntryKind, type JournalEntryView, journalEntryView, unreadableEntry } from './journal-entry-view.js';
import { isOriginalLine, parseJournalLine } from './journal-line.js';

/** One part of the journal: what `kitap fix` or `kitap merge` did, from its header and end lines. */
export interface JournalSection {
  tool: string;
  input: string | null;
  output: string | null;
  profile: string | null;
  /** The line of its header (1-based); 0 for lines before any header. */
  line: number;
  /** Entries the page shows for it. */
  entries: number;
  /** From the end line; null when the part has none (a journal cut short). */
  end: { records: number; changedRecords: number | null; changes: number | null } | null;
}

export interface JournalQuery {
  page: number;
  size: number;
  /** Only this rule (or `merge`, `merged-away`, a reject code, `unreadable`). */
  rule?: string | undefined;
  /** Only this record: its number or its 001. */
  record?: string | undefined;
}

export interface JournalPage {
  sections: JournalSection[];
  /** Entries by rule, over the whole journal, in rule order. */
  rules: { rule: string; count: number }[];
  /** Entries in the whole journal, and after the filter. */
  total: number;
  matching: number;
  page: number;
  pages: number;
  size: number;
  entries: JournalEntryView[];
  /** Lines of the file, and how many of them hold a record's original bytes (not shown). */
  lines: number;
  originals: number;
}

/** Where a shown entry is in the file, and what the filters need; the entry itself is read again for its page. */
interface IndexedEntry {
  offset: number;
  length: number;
  line: number;
  section: number;
  kind: JournalEntryKind;
  rule: string;
  numbers: number[];
  ids: string[];
}

interface JournalScan {
  stamp: FileStamp;
  entries: IndexedEntry[];
  sections: JournalSection[];
  rules: Map<string, number>;
  lines: number;
  originals: number;
}

const NEWLINE = 0x0a;

/**
 * Pages of `journal.jsonl`, which can hold tens of thousands of lines (most of
 * them records' original bytes): the file is scanned once into an index of
 * where each shown entry starts, and a page reads only its entries. The index
 * is rebuilt when the file is replaced (a re-run of the migration).
 */
export class JournalIndex {
  #scan: JournalScan | undefined;
  #scanning: { stamp: FileStamp; promise: Promise<JournalScan> } | undefined;

  constructor(readonly path: string) {}

  async page(query: JournalQuery): Promise<FileView<JournalPage>> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      return fileProblem(this.path, error);
    }
    try {
      const scan = await this.#scanOf(handle);
      const matching = scan.entries.filter(filterOf(query));
      const size = Math.max(1, Math.min(500, Math.floor(query.size)));
      const pages = Math.max(1, Math.ceil(matching.length / size));
      const page = Math.max(1, Math.min(pages, Math.floor(query.page)));
      const entries: JournalEntryView[] = [];
      for (const e of matching.slice((page - 1) * size, page * size)) entries.push(await readEntry(handle, e));
      return {
        file: basename(this.path),
        state: 'ok',
        sections: scan.sections,
        rules: [...scan.rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([rule, count]) => ({ rule, count })),
        total: scan.entries.length,
        matching: matching.length,
        page,
        pages,
        size,
        entries,
        lines: scan.lines,
        originals: scan.originals,
      };
    } catch (error) {
      return fileProblem(this.path, error);
    } finally {
      await handle.close();
    }
  }

  async #scanOf(handle: FileHandle): Promise<JournalScan> {
    const stamp = stampOf(await handle.stat());
    if (sameStamp(this.#scan?.stamp, stamp)) return this.#scan!;
    if (!sameStamp(this.#scanning?.stamp, stamp)) {
      const promise = scanJournal(handle, stamp);
      this.#scanning = { stamp, promise };
      promise.then(
        (scan) => {
          this.#scan = scan;
          if (this.#scanning?.promise === promise) this.#scanning = undefined;
        },
        () => {
          if (this.#scanning?.promise === promise) this.#scanning = undefined;
        },
      );
    }
    return this.#scanning!.promise;
  }
}

function filterOf(query: JournalQuery): (e: IndexedEntry) => boolean {
  const rule = query.rule?.trim() || undefined;
  const record = query.record?.trim() || undefined;
  const number = record !== undefined && /^\d+$/.test(record) ? Number(record) : undefined;
  return (e) => (rule === undefined || e.rule === rule) && (record === undefined || e.ids.includes(record) || (number !== undefined && e.numbers.includes(number)));
}

/** Reads the file line by line (byte offsets kept), indexing the shown entries and the parts. */
async function scanJournal(handle: FileHandle, stamp: FileStamp): Promise<JournalScan> {
  const scan: JournalScan = { stamp, entries: [], sections: [], rules: new Map(), lines: 0, originals: 0 };
  let pending: Buffer[] = [];
  let lineStart = 0;
  let position = 0;
  const take = (line: Buffer, offset: number): void => {
    scan.lines++;
    indexLine(scan, line, offset);
  };
  for await (const chunk of handle.createReadStream({ start: 0, autoClose: false, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(NEWLINE, from); nl !== -1; nl = chunk.indexOf(NEWLINE, from)) {
      const piece = chunk.subarray(from, nl);
      const line = pending.length ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      take(line, lineStart);
      lineStart = position + nl + 1;
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(Buffer.from(chunk.subarray(from)));
    position += chunk.length;
  }
  if (pending.length) take(Buffer.concat(pending), lineStart);
  return scan;
}

function indexLine(scan: JournalScan, raw: Buffer, offset: number): void {
  const line = raw.length && raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw;
  if (line.length === 0) return;
  if (isOriginalLine(line)) {
    scan.originals++;
    return;
  }
  const lineNumber = scan.lines;
  const parsed = parseJournalLine(line.toString('utf8'));
  const section = (): number => {
    if (scan.sections.length === 0) scan.sections.push({ tool: '(no header)', input: null, output: null, profile: null, line: 0, entries: 0, end: null });
    return scan.sections.length - 1;
  };
  const add = (kind: JournalEntryKind, rule: string, numbers: number[], ids: string[]): void => {
    const s = section();
    scan.sections[s]!.entries++;
    scan.entries.push({ offset, length: line.length, line: lineNumber, section: s, kind, rule, numbers, ids });
    scan.rules.set(rule, (scan.rules.get(rule) ?? 0) + 1);
  };
  if (!parsed.ok) {
    add('unreadable', 'unreadable', [], []);
    return;
  }
  const data = parsed.line;
  switch (data.type) {
    case 'journal':
      scan.sections.push({ tool: data.tool, input: data.input?.path ?? null, output: data.output?.path ?? null, profile: data.profile ?? null, line: lineNumber, entries: 0, end: null });
      return;
    case 'end':
      scan.sections[section()]!.end = { records: data.records, changedRecords: data.changedRecords ?? null, changes: data.changes ?? null };
      return;
    case 'change':
      add('change', data.rule, [data.index + 1], data.id ? [data.id] : []);
      return;
    case 'merge':
      add('merge', 'merge', [data.survivor + 1, ...data.mergedAway.map((i) => i + 1)], []);
      return;
    case 'removed':
      add('removed', 'merged-away', [data.index + 1, data.into + 1], data.id ? [data.id] : []);
      return;
    case 'rejected':
      add('rejected', data.code, data.index === undefined ? [] : [data.index + 1], []);
      return;
    case 'original':
      scan.originals++;
      return;
  }
}

async function readEntry(handle: FileHandle, e: IndexedEntry): Promise<JournalEntryView> {
  const buffer = Buffer.alloc(e.length);
  const { bytesRead } = await handle.read(buffer, 0, e.length, e.offset);
  const parsed = parseJournalLine(buffer.subarray(0, bytesRead).toString('utf8'));
  if (!parsed.ok) return unreadableEntry(e.line, e.section, parsed.error);
  return journalEntryView(parsed.line, e.line, e.section) ?? unreadableEntry(e.line, e.section, 'the line changed since the journal was read');
}
