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

/**
 * An append-only file whose bytes up to the last checkpoint are durable. It is
 * opened (and cut back to those bytes) only when the harvest first writes or
 * saves: a run that fails before its first page (a bad date, an unreachable
 * server) leaves an existing file as it was.
 */
class AppendFile {
  private fd: number | undefined;
  private written: number;

  constructor(
    readonly path: string,
    private readonly keep: number,
  ) {
    this.written = keep;
  }

  /** Whether the file was opened (written to or saved) in this run. */
  get opened(): boolean {
    return this.fd !== undefined;
  }

  private open(): number {
    if (this.fd === undefined) {
      this.fd = openSync(this.path, existsSync(this.path) ? 'r+' : 'w+');
      ftruncateSync(this.fd, this.keep);
    }
    return this.fd;
  }

  write(bytes: Uint8Array | string): void {
    const fd = this.open();
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off, this.written + off);
    this.written += buf.length;
  }

  get size(): number {
    return this.written;
  }

  sync(): void {
    fsyncSync(this.open());
  }

  /** True when the file ends with these bytes. */
  endsWith(bytes: Uint8Array): boolean {
    if (bytes.length === 0) return true;
    if (this.written < bytes.length) return false;
    const tail = Buffer.alloc(bytes.length);
    readSync(this.open(), tail, 0, bytes.length, this.written - bytes.length);
    return tail.equals(Buffer.from(bytes));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The harvest's files must still hold what the state says they do; else resuming would leave a hole. */
function checkKept(path: string, keep: number, what: string): void {
  if (keep === 0) return;
  const size = existsSync(path) ? statSync(path).size : -1;
  if (size >= keep) return;
  throw new KitapError(
    'E_HARVEST_STATE',
    `the ${what} is ${size < 0 ? 'missing' : `shorter (${size} bytes) than the ${keep} bytes`} the harvest state says it holds: it was deleted or changed by hand. Delete the state file (${path.replace(/(\.rejects|\.deleted)\.ndjson$/u, '')}.harvest-state.json) to harvest again from the start`,
    { file: path },
  );
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
    checkKept(path, keep.records, 'output');
    checkKept(`${path}.rejects.ndjson`, keep.rejects, 'rejects file');
    checkKept(`${path}.deleted.ndjson`, keep.deleted, 'file of deleted records');
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

  /** What a fresh output starts with (a MARCXML or JSON header), written with the first item or page saved. */
  #header: Uint8Array | undefined;

  /** Sets the header of a fresh output (see #header). */
  startWith(header: Uint8Array): void {
    this.#header = header;
  }

  #begin(): void {
    if (this.#header === undefined) return;
    const header = this.#header;
    this.#header = undefined;
    this.records.write(header);
  }


  /** Ends the records file with a footer (once: a finished harvest run again does not add a second). */
  finish(footer: Uint8Array): void {
    this.#begin();
    if (!this.records.endsWith(footer)) this.records.write(footer);
    this.records.sync();
  }

  addRecord(bytes: Uint8Array): void {
    this.#begin();
    this.records.write(bytes);
    this.counts.records++;
  }

  addReject(reject: Reject): void {
    this.#begin();
    this.rejects.write(`${JSON.stringify(rejectToJson(reject))}\n`);
    this.counts.rejects++;
  }

  addDeleted(item: { identifier: string; datestamp: string }): void {
    this.#begin();
    this.deleted.write(`${JSON.stringify(item)}\n`);
    this.counts.deleted++;
  }

  save(token: string | undefined, count: number): void {
    this.#begin();
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
    const ran = this.records.opened;
    for (const f of [this.records, this.rejects, this.deleted]) f.close();
    // An empty side file of this run is not left behind (nor an old one this run has replaced).
    for (const f of [this.rejects, this.deleted]) if (f.size === 0 && ran) rmSync(f.path, { force: true });
  }
}
