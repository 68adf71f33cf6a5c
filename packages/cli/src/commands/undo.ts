import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { KitapError, Ledger, isKitapError, openSink } from '@kitap/core';
import { type JournalChange, type JournalHeader, type JournalOriginal, type JournalRejected, type JournalRemoved, type AppliedEdit, revertPass } from '@kitap/clean';
import { type Field, MarcRecord, type OutputFormat, type RecordEncoder, encoderFor, fieldsEqual, readIso2709All, readRecords } from '@kitap/marc';
import { HashingInput } from '../job/hashing-input.js';
import { HashedOutput } from '../job/hashed-output.js';
import { type JournalEnd, sha256 } from '../job/journal-file.js';
import { samePath } from '../job/paths.js';
import type { Io } from '../io.js';

export interface UndoOptions {
  journal: string;
  fixed: string;
  output: string;
}

type Line = JournalHeader | JournalOriginal | JournalChange | JournalRejected | JournalRemoved | JournalEnd | { type: 'merge' };
type PutBack = JournalRejected | JournalRemoved;
type RecordLine = JournalOriginal | JournalChange;

/** The journal's lines grouped by the output record they belong to, read as the fixed file is read. */
class JournalCursor {
  readonly #lines: AsyncIterator<string>;
  #lineNo = 0;
  #peeked: Line | undefined;
  header: JournalHeader | undefined;
  end: JournalEnd | undefined;
  readonly #hash = createHash('sha256');

  /** SHA-256 of the lines read before the end line (see JournalEnd.linesSha256). */
  linesSha256(): string {
    return this.#hash.copy().digest('hex');
  }

  constructor(readonly path: string) {
    this.#lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  async #next(): Promise<Line | undefined> {
    if (this.#peeked) {
      const p = this.#peeked;
      this.#peeked = undefined;
      return p;
    }
    for (;;) {
      let r: IteratorResult<string>;
      try {
        r = await this.#lines.next();
      } catch (error) {
        throw new KitapError('E_INPUT', `cannot read the journal: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: this.path });
      }
      if (r.done) return undefined;
      this.#lineNo++;
      // Every line before the end line, as the journal wrote it (JSON never holds a raw line break).
      const hashed = (): void => void (this.end === undefined && this.#hash.update(`${r.value}\n`));
      if (r.value.trim() === '') {
        hashed();
        continue;
      }
      try {
        const line = JSON.parse(r.value) as Line;
        if (line.type !== 'end') hashed();
        if (line.type === 'journal') this.header = line;
        else if (line.type === 'end') this.end = line;
        else return line;
      } catch {
        throw new KitapError('E_JOURNAL', 'not a JSON line', { file: this.path, line: this.#lineNo });
      }
      if (this.#lineNo === 1 && !this.header) throw new KitapError('E_JOURNAL', 'the first line is not a kitap journal header', { file: this.path, line: 1 });
    }
  }

  async start(): Promise<JournalHeader> {
    const first = await this.#next();
    if (first) this.#peeked = first;
    if (!this.header) throw new KitapError('E_JOURNAL', 'not a kitap journal (no header line): give the .journal.jsonl that kitap fix or kitap merge wrote', { file: this.path, line: 1 });
    return this.header;
  }

  /** The lines of output record `n` (none when the record was written unchanged). */
  async take(n: number): Promise<{ original?: JournalOriginal; changes: JournalChange[]; rejectedBefore: PutBack[] }> {
    const out: { original?: JournalOriginal; changes: JournalChange[]; rejectedBefore: PutBack[] } = { changes: [], rejectedBefore: [] };
    for (;;) {
      const line = await this.#next();
      if (!line) return out;
      if (line.type === 'rejected' || line.type === 'removed') {
        if (line.beforeOutput > n) {
          this.#peeked = line;
          return out;
        }
        out.rejectedBefore.push(line);
        continue;
      }
      if (line.type !== 'original' && line.type !== 'change') continue;
      if (line.outputIndex < n) throw new KitapError('E_JOURNAL', `journal lines for record ${line.outputIndex + 1} are out of order`, { file: this.path, line: this.#lineNo });
      if (line.outputIndex > n) {
        this.#peeked = line;
        return out;
      }
      if (line.type === 'original') out.original = line;
      else out.changes.push(line);
    }
  }

  /** What is left after the last record: rejects that came after it (put back at the end), or a record line too many. */
  async rest(): Promise<{ rejected: PutBack[]; extra: RecordLine | undefined }> {
    const rejected: PutBack[] = [];
    for (;;) {
      const line = await this.#next();
      if (!line) return { rejected, extra: undefined };
      if (line.type === 'rejected' || line.type === 'removed') rejected.push(line);
      else if (line.type === 'original' || line.type === 'change') return { rejected, extra: line };
    }
  }
}

function editOf(c: JournalChange): AppliedEdit {
  const e: AppliedEdit = { op: c.op, tag: c.tag, before: c.before, after: c.after };
  if (c.fieldIndex !== undefined) e.index = c.fieldIndex;
  if (c.newFieldIndex !== undefined) e.newIndex = c.newFieldIndex;
  return e;
}

/** Replays a record's changes backwards, pass by pass. */
function revert(record: MarcRecord, changes: readonly JournalChange[]): { leader: string; fields: Field[] } {
  let state = { leader: record.leader.value, fields: [...record.fields] };
  const passes = [...new Set(changes.map((c) => c.pass))].sort((a, b) => b - a);
  for (const pass of passes) state = revertPass(state.leader, state.fields, changes.filter((c) => c.pass === pass).map(editOf), fieldsEqual);
  return state;
}

/**
 * A restored record in the fixed file's format. The journal keeps the original bytes of a
 * changed record only when the fix wrote ISO2709; otherwise the record is rebuilt and written
 * in the fixed file's format, which may not carry what the fix removed (MARCXML cannot hold a
 * control character): then the undo stops, saying so, rather than write something else.
 */
function encodeRestored(encoder: RecordEncoder, format: OutputFormat, record: MarcRecord, n: number, fixed: string): Uint8Array | string {
  try {
    return encoder.encode(record, n);
  } catch (error) {
    if (!isKitapError(error)) throw error;
    throw new KitapError(
      error.code,
      `record ${n + 1} cannot be restored as ${format}: ${error.message} A fix written as ISO2709 (-o file.mrc) keeps each changed record's original bytes and can always be undone.`,
      { ...error.place, file: fixed, index: n },
    );
  }
}

/**
 * `kitap fix --undo`: reads the fixed file and the journal side by side; an
 * unchanged record is copied, a changed one has its changes replayed backwards
 * and — when the journal holds its original bytes — those bytes are written,
 * after checking the replay gives the same record. The result is the input of
 * the fix, byte for byte (for ISO2709 input and output).
 */
export async function runUndo(options: UndoOptions, io: Io): Promise<{ exitCode: number }> {
  if (samePath(options.output, options.fixed) || samePath(options.output, options.journal)) {
    throw new KitapError('E_USAGE', 'the restored file must be a new file, not the fixed file or the journal');
  }
  const cursor = new JournalCursor(options.journal);
  const header = await cursor.start();
  const format = header.output.format as OutputFormat;
  // What the journal's job made, in messages: "the fixed file" (kitap fix), "the merged file" (kitap merge).
  const job = header.tool.replace('kitap ', '');
  const made = `the ${job === 'merge' ? 'merged' : 'fixed'} file`;
  // Each record keeps its own leader/09 (the journal put back what the job changed, a blank one
  // read from MARCXML included); without this the ISO2709 writer would write "a".
  const encoder = encoderFor(format, { characterCoding: null });
  const fixed = new HashingInput(options.fixed);
  const sink = new HashedOutput(openSink(options.output));
  const ledger = new Ledger();
  const stage = ledger.stage('undo');
  let restored = 0;
  let putBack = 0;
  // A record the fix rejected goes back where it was, so the restored file is the fix's input.
  const writeRejected = async (r: PutBack): Promise<void> => {
    await sink.write(r.base64 !== undefined ? Buffer.from(r.base64, 'base64') : r.type === 'rejected' ? (r.text ?? '') : '');
    putBack++;
  };
  try {
    await sink.write(encoder.header);
    for await (const item of readRecords(fixed, { file: options.fixed, mode: 'strict', format: format === 'iso2709' ? 'iso2709' : 'auto' })) {
      if (item.kind === 'reject') throw new KitapError('E_JOURNAL', `${made} has an unreadable record: ${item.reject.message}`, item.reject.place);
      const record = item.record;
      const n = stage.in++;
      const group = await cursor.take(n);
      for (const r of group.rejectedBefore) await writeRejected(r);
      const bytesNow = record.raw;
      if (group.original && bytesNow && sha256(bytesNow) !== group.original.outputSha256) {
        throw new KitapError('E_JOURNAL', `record ${n + 1} of ${made} was changed after the ${job}; undo would lose that change`, { file: options.fixed, index: n });
      }
      if (!group.original && group.changes.length === 0) {
        await sink.write(bytesNow ?? encoder.encode(record, n));
        stage.out++;
        continue;
      }
      let state: { leader: string; fields: Field[] };
      try {
        state = revert(record, group.changes);
      } catch (error) {
        throw new KitapError('E_JOURNAL', `record ${n + 1}: ${(error as Error).message}`, { file: options.fixed, index: n });
      }
      if (group.original) {
        const bytes = Buffer.from(group.original.base64, 'base64');
        if (sha256(bytes) !== group.original.sha256) throw new KitapError('E_JOURNAL', `the original bytes of record ${n + 1} are damaged`, { file: options.journal, index: n });
        if (group.changes.length) await checkReplay(bytes, group.original.charset, state, n, options.journal);
        await sink.write(bytes);
      } else {
        await sink.write(encodeRestored(encoder, format, new MarcRecord(state.leader, state.fields), n, options.fixed));
      }
      restored++;
      stage.out++;
    }
    const rest = await cursor.rest();
    for (const r of rest.rejected) await writeRejected(r);
    await sink.write(encoder.footer);
    const extra = rest.extra;
    if (extra) throw new KitapError('E_JOURNAL', `the journal names record ${extra.outputIndex + 1}, which ${made} does not have`, { file: options.journal });
    if (!cursor.end) throw new KitapError('E_JOURNAL', `the journal has no end line: the ${job} that wrote it did not finish`, { file: options.journal });
    if (cursor.end.linesSha256 !== undefined && cursor.end.linesSha256 !== cursor.linesSha256()) {
      throw new KitapError('E_JOURNAL', 'the journal is damaged: its lines are not the ones it was written with (a line was removed, repeated or changed); nothing was restored', { file: options.journal });
    }
    if (cursor.end.output.sha256 !== fixed.sha256()) {
      throw new KitapError('E_JOURNAL', `${made} is not the one this journal describes (its SHA-256 differs): it was changed or replaced after the ${job}`, { file: options.fixed });
    }
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  const matches = sink.sha256() === cursor.end.input.sha256;
  io.err(`${header.tool} --undo: ${options.fixed} + ${options.journal} → ${options.output}`);
  io.err(`  ${stage.in} records, ${restored} restored from the journal, ${stage.in - restored} unchanged, ${putBack} rejected or merged-away records put back`);
  io.err(`  ${matches ? `the output is byte for byte the input of the ${job}` : `the output differs from the input of the ${job} as a file (bytes between records were dropped, or the input was not ISO2709); every restored record was checked`} (sha256 ${sink.sha256()})`);
  for (const line of ledger.format()) io.err(`  ledger ${line}`);
  // A journal of an older kitap holds no hash of its lines: a line removed from it cannot be told from
  // bytes dropped between records. The person must look, and the exit code says so.
  if (!matches && cursor.end.linesSha256 === undefined) {
    io.err(`  warning: this journal was written by an older kitap and cannot prove it is whole; the restored file differs from the input of the ${job}: compare their records before using it`);
    return { exitCode: 1 };
  }
  return { exitCode: 0 };
}

/** The original bytes must decode to the record the journal's backward replay gives, or the journal is not trustworthy. */
async function checkReplay(bytes: Uint8Array, charset: string, state: { leader: string; fields: Field[] }, n: number, journal: string): Promise<void> {
  const [item] = await readIso2709All(bytes, { encoding: charset, mode: 'lenient' });
  if (!item || item.kind !== 'record') throw new KitapError('E_JOURNAL', `the original bytes of record ${n + 1} cannot be read`, { file: journal, index: n });
  const fields = item.record.fields;
  const same = fields.length === state.fields.length && fields.every((f, i) => fieldsEqual(f, state.fields[i]!));
  if (!same) throw new KitapError('E_JOURNAL', `replaying the journal backwards on record ${n + 1} does not give its original fields`, { file: journal, index: n });
}
