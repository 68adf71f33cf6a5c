import { createHash } from 'node:crypto';
import { AtomicFile, BufferedSink } from '@kitap/core';
import type { Change, JournalChange, JournalHeader, JournalOriginal, JournalRejected, JournalRemoved } from '@kitap/clean';
import type { Reject } from '@kitap/core';
import type { MarcRecord } from '@kitap/marc';
import { fieldMnemonic } from './field-mnemonic.js';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The last line of a journal: what the fixed file holds, so undo can tell whether it was changed since. */
export interface JournalEnd {
  type: 'end';
  records: number;
  changedRecords: number;
  changes: number;
  originals: number;
  input: { bytes: number; sha256: string };
  output: { bytes: number; sha256: string };
  /**
   * SHA-256 of every line before this one, as written (each with its newline): undo checks it, so
   * a journal with a line removed, repeated or changed is refused rather than restore a wrong file.
   * (Journals of kitap before 2026-11-26 have none.)
   */
  linesSha256?: string;
}

/**
 * The change journal (JSON lines): a header, then for each record whose output
 * differs from its input its original bytes and every applied change, in
 * output order, then an end line. Written atomically.
 */
export class JournalFile {
  readonly #sink: BufferedSink;
  readonly #lines = createHash('sha256');
  changes = 0;
  changedRecords = 0;
  originals = 0;
  rejects = 0;
  removedRecords = 0;

  constructor(readonly path: string) {
    this.#sink = new BufferedSink(new AtomicFile(path), 1 << 16);
  }

  header(header: JournalHeader): Promise<void> {
    return this.#line(header);
  }

  /** Journals one record: its original bytes when its output bytes differ, and its changes. */
  async record(record: MarcRecord, inputIndex: number, outputIndex: number, output: Uint8Array | undefined, changes: readonly Change[]): Promise<void> {
    const source = record.sourceBytes;
    const differs = source !== undefined && output !== undefined && Buffer.compare(Buffer.from(source.buffer, source.byteOffset, source.byteLength), Buffer.from(output.buffer, output.byteOffset, output.byteLength)) !== 0;
    // Most records are written as they were read and have nothing to journal: their 001 is not even decoded.
    if (!differs && changes.length === 0) return;
    const id = record.controlValue('001')?.trim() || undefined;
    if (differs) {
      const original: JournalOriginal = {
        type: 'original',
        index: inputIndex,
        outputIndex,
        ...(id !== undefined ? { id } : {}),
        ...(record.place.offset !== undefined ? { offset: record.place.offset } : {}),
        charset: record.sourceCharset ?? 'utf-8',
        sha256: sha256(source!),
        outputSha256: sha256(output!),
        base64: Buffer.from(source!.buffer, source!.byteOffset, source!.byteLength).toString('base64'),
      };
      this.originals++;
      await this.#line(original);
    }
    if (changes.length) this.changedRecords++;
    for (const c of changes) {
      const line: JournalChange = {
        type: 'change',
        index: inputIndex,
        outputIndex,
        ...(id !== undefined ? { id } : {}),
        pass: c.pass,
        rule: c.rule,
        messageId: c.messageId,
        message: c.message,
        op: c.op,
        tag: c.tag,
        ...(c.index !== undefined ? { fieldIndex: c.index } : {}),
        ...(c.newIndex !== undefined ? { newFieldIndex: c.newIndex } : {}),
        before: c.before,
        after: c.after,
        beforeText: fieldMnemonic(c.before),
        afterText: fieldMnemonic(c.after),
      };
      this.changes++;
      await this.#line(line);
    }
  }

  /** A record the fix could not read or write: its bytes, so undo can put it back where it was. */
  async rejected(reject: Reject, beforeOutput: number): Promise<void> {
    const raw = reject.raw;
    const line: JournalRejected = {
      type: 'rejected',
      beforeOutput,
      code: reject.code,
      ...(reject.place.index !== undefined ? { index: reject.place.index } : {}),
      ...(typeof raw === 'string' ? { text: raw } : { base64: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') }),
    };
    this.rejects++;
    await this.#line(line);
  }

  /** A record merged into another: its bytes, so undo puts it back where it was. */
  async removed(line: Omit<JournalRemoved, 'type'>): Promise<void> {
    this.removedRecords++;
    await this.#line({ type: 'removed', ...line } satisfies JournalRemoved);
  }

  /** A line for people (undo ignores it): what a merge did. */
  async note(value: Record<string, unknown>): Promise<void> {
    await this.#line(value);
  }

  async end(records: number, input: { bytes: number; sha256: string }, output: { bytes: number; sha256: string }): Promise<void> {
    const end: JournalEnd = { type: 'end', records, changedRecords: this.changedRecords, changes: this.changes, originals: this.originals, input, output, linesSha256: this.#lines.digest('hex') };
    await this.#sink.write(JSON.stringify(end) + '\n');
    await this.#sink.close();
  }

  abort(): Promise<void> {
    return this.#sink.abort();
  }

  #line(value: unknown): Promise<void> {
    const text = JSON.stringify(value) + '\n';
    this.#lines.update(text);
    return this.#sink.write(text);
  }
}
