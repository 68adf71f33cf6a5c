import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { KitapError, type Reject, rejectToJson } from '@kitap/core';
import type { HarvestCheckpoint, HarvestPosition } from '@kitap/harvest';

interface StateJson {
  kitapHarvestOutput: 1;
  identity: string;
  token?: string;
  count: number;
  finished: boolean;
  /** Bytes of the records file (and of the rejects and deleted files) that hold the saved pages. */
  bytes: { records: number; rejects: number; deleted: number };
  records: number;
  rejects: number;
  deleted: number;
}

/** An append-only file whose bytes up to the last checkpoint are durable. */
class AppendFile {
  private fd: number;
  private written: number;

  constructor(
    readonly path: string,
    keep: number,
  ) {
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    ftruncateSync(this.fd, keep);
    this.written = keep;
  }

  write(bytes: Uint8Array | string): void {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off, this.written + off);
    this.written += buf.length;
  }

  get size(): number {
    return this.written;
  }

  sync(): void {
    fsyncSync(this.fd);
  }

  /** True when the file ends with these bytes. */
  endsWith(bytes: Uint8Array): boolean {
    if (bytes.length === 0) return true;
    if (this.written < bytes.length) return false;
    const tail = Buffer.alloc(bytes.length);
    readSync(this.fd, tail, 0, bytes.length, this.written - bytes.length);
    return tail.equals(Buffer.from(bytes));
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * The output of `kitap harvest`: records appended to one file, rejects and
 * deleted records to sidecar NDJSON files, and a state file saved after each
 * page the harvest finished — the files are fsynced first, then the state
 * records the resumption token, the counts and how many bytes each file holds.
 * A killed run started again cuts the files back to those lengths (dropping
 * the half-written page) and continues from the token: every record ends in
 * the output exactly once.
 */
export class HarvestOutput implements HarvestCheckpoint {
  readonly statePath: string;
  private readonly records: AppendFile;
  private readonly rejects: AppendFile;
  private readonly deleted: AppendFile;
  readonly counts = { records: 0, rejects: 0, deleted: 0 };
  private readonly position: HarvestPosition | undefined;

  constructor(
    readonly path: string,
    private readonly identity: string,
  ) {
    this.statePath = `${path}.harvest-state.json`;
    let state: StateJson | undefined;
    if (existsSync(this.statePath)) {
      try {
        state = JSON.parse(readFileSync(this.statePath, 'utf8')) as StateJson;
      } catch {
        throw new KitapError('E_HARVEST_STATE', 'the harvest state file is damaged; delete it to start over', { file: this.statePath });
      }
      if (state.kitapHarvestOutput !== 1 || state.identity !== identity) {
        throw new KitapError('E_HARVEST_STATE', 'the harvest state file belongs to another harvest (URL or parameters differ); delete it, or give another output file', { file: this.statePath });
      }
    }
    const keep = state?.bytes ?? { records: 0, rejects: 0, deleted: 0 };
    if (state && existsSync(path) && statSync(path).size < keep.records) throw new KitapError('E_HARVEST_STATE', 'the output is shorter than the harvest state says: it was changed by hand; delete the state file to start over', { file: path });
    this.records = new AppendFile(path, keep.records);
    this.rejects = new AppendFile(`${path}.rejects.ndjson`, keep.rejects);
    this.deleted = new AppendFile(`${path}.deleted.ndjson`, keep.deleted);
    if (state) {
      this.counts.records = state.records;
      this.counts.rejects = state.rejects;
      this.counts.deleted = state.deleted;
      this.position = { token: state.token, count: state.count, finished: state.finished };
    }
  }

  /** Where an earlier run stopped (undefined for a fresh harvest). */
  load(): HarvestPosition | undefined {
    return this.position;
  }

  /** Bytes that are not a record (a MARCXML header or footer). */
  addBytes(bytes: Uint8Array): void {
    this.records.write(bytes);
  }

  /** Ends the records file with a footer (once: a finished harvest run again does not add a second). */
  finish(footer: Uint8Array): void {
    if (!this.records.endsWith(footer)) this.records.write(footer);
    this.records.sync();
  }

  addRecord(bytes: Uint8Array): void {
    this.records.write(bytes);
    this.counts.records++;
  }

  addReject(reject: Reject): void {
    this.rejects.write(`${JSON.stringify(rejectToJson(reject))}\n`);
    this.counts.rejects++;
  }

  addDeleted(item: { identifier: string; datestamp: string }): void {
    this.deleted.write(`${JSON.stringify(item)}\n`);
    this.counts.deleted++;
  }

  save(token: string | undefined, count: number): void {
    for (const f of [this.records, this.rejects, this.deleted]) f.sync();
    const state: StateJson = {
      kitapHarvestOutput: 1,
      identity: this.identity,
      ...(token !== undefined ? { token } : {}),
      count,
      finished: token === undefined,
      bytes: { records: this.records.size, rejects: this.rejects.size, deleted: this.deleted.size },
      ...this.counts,
    };
    const temp = `${this.statePath}.tmp`;
    const fd = openSync(temp, 'w');
    writeSync(fd, `${JSON.stringify(state, null, 1)}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, this.statePath);
  }

  close(): void {
    for (const f of [this.records, this.rejects, this.deleted]) f.close();
    for (const f of [this.rejects, this.deleted]) if (f.size === 0) rmSync(f.path, { force: true });
  }
}
