import { type Hash, createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { KitapError, type Reject, rejectToJson } from '@kitap/core';
import type { HarvestCheckpoint, HarvestPosition } from '@kitap/harvest';

/** One value for each file of a harvest: the records and the two side files. */
interface PerFile<T> {
  records: T;
  rejects: T;
  deleted: T;
}

/**
 * The state's version: 2 keeps the SHA-256 of each file up to the checkpoint.
 * A state of version 1 (kitap before the digests) still resumes, its files
 * checked by length only.
 */
const VERSION = 2;

interface StateJson {
  kitapHarvestOutput: 1 | 2;
  identity: string;
  token?: string;
  count: number;
  finished: boolean;
  /** Bytes of the records file (and of the rejects and deleted files) that hold the saved pages. */
  bytes: PerFile<number>;
  /** SHA-256 (hex) of those bytes of each file (version 2). */
  sha256?: PerFile<string>;
  records: number;
  rejects: number;
  deleted: number;
}

const isDigest = (value: unknown): boolean => typeof value === 'string' && /^[0-9a-f]{64}$/u.test(value);

/**
 * Reads the state of an earlier run (undefined when there is none) and refuses
 * one that cannot be resumed: damaged, of another harvest, or of a newer kitap.
 */
function readState(statePath: string, identity: string): StateJson | undefined {
  if (!existsSync(statePath)) return undefined;
  let state: StateJson;
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8')) as StateJson;
  } catch {
    throw new KitapError('E_HARVEST_STATE', 'the harvest state file is damaged; delete it to start over', { file: statePath });
  }
  const version: unknown = state?.kitapHarvestOutput;
  if (typeof version === 'number' && version > VERSION) {
    throw new KitapError('E_HARVEST_STATE', `the harvest state file was written by a newer kitap (version ${version}); resume with that kitap, or delete the state file to start over`, { file: statePath });
  }
  if ((version !== 1 && version !== 2) || state.identity !== identity) {
    throw new KitapError('E_HARVEST_STATE', 'the harvest state file belongs to another harvest (URL or parameters differ); delete it, or give another output file', { file: statePath });
  }
  // From version 2 on the digests are what a resume checks: a state without them is not whole.
  if (version === 2 && !(isDigest(state.sha256?.records) && isDigest(state.sha256?.rejects) && isDigest(state.sha256?.deleted))) {
    throw new KitapError('E_HARVEST_STATE', 'the harvest state file is damaged (the digests of its files are missing); delete it to start over', { file: statePath });
  }
  return state;
}

/**
 * An append-only file whose bytes up to the last checkpoint are durable. It is
 * opened (and cut back to those bytes) only when the harvest first writes or
 * saves: a run that fails before its first page (a bad date, an unreachable
 * server) leaves an existing file as it was. It keeps a running SHA-256 of
 * its bytes (those kept, then each write), so a checkpoint records the digest
 * without reading the file again.
 */
class AppendFile {
  private fd: number | undefined;
  private written: number;

  constructor(
    readonly path: string,
    private readonly keep: number,
    /** The SHA-256 of the `keep` bytes the file starts with; updated with every write. */
    private readonly hash: Hash,
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
    this.hash.update(buf);
    this.written += buf.length;
  }

  get size(): number {
    return this.written;
  }

  /** The SHA-256 (hex) of the file's bytes so far; a copy is digested, so the running hash goes on. */
  sha256(): string {
    return this.hash.copy().digest('hex');
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
function checkKept(path: string, keep: number, what: string, statePath: string): void {
  if (keep === 0) return;
  const size = existsSync(path) ? statSync(path).size : -1;
  if (size >= keep) return;
  throw new KitapError(
    'E_HARVEST_STATE',
    `the ${what} is ${size < 0 ? 'missing' : `shorter (${size} bytes) than the ${keep} bytes`} the harvest state says it holds: it was deleted or changed by hand. Delete the state file (${statePath}) to harvest again from the start`,
    { file: path },
  );
}

/** How much of a file is read at a time when hashing it: files of gigabytes are never read whole. */
const CHUNK = 1 << 20;

/**
 * The SHA-256 of a file's first `length` bytes: those a resumed run keeps, the
 * bytes after them being cut off. The file itself is not cut here, so a run
 * refused for a changed file leaves it as it was, to be looked at.
 */
function hashPrefix(path: string, length: number): Hash {
  const hash = createHash('sha256');
  if (length === 0) return hash;
  const buf = Buffer.alloc(Math.min(CHUNK, length));
  const fd = openSync(path, 'r');
  try {
    for (let at = 0; at < length; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, length - at), at);
      if (n === 0) throw new KitapError('E_HARVEST_STATE', `the file ended before the ${length} bytes the harvest state says it holds: it was changed while kitap read it`, { file: path });
      hash.update(buf.subarray(0, n));
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return hash;
}

/** A file whose kept bytes are not those harvested (a byte flipped, a record edited in place) must not be appended to. */
function checkUnchanged(path: string, hash: Hash, expected: string, what: string, statePath: string): void {
  if (hash.copy().digest('hex') === expected) return;
  throw new KitapError(
    'E_HARVEST_STATE',
    `the ${what} ${path} was changed since the harvest's last checkpoint (its bytes differ from what was harvested): delete ${statePath} to harvest again from the start`,
    { file: path },
  );
}

/**
 * The output of `kitap harvest`: records appended to one file, rejects and
 * deleted records to sidecar NDJSON files, and a state file saved after each
 * page the harvest finished — the files are fsynced first, then the state
 * records the resumption token, the counts, how many bytes each file holds and
 * the SHA-256 of those bytes. A killed run started again checks that each file
 * still begins with exactly those bytes, cuts it back to that length (dropping
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
  /**
   * Files resumed by length only: the state of an older kitap keeps no digest,
   * so their content could not be checked (the caller warns). The next
   * checkpoint writes the digests.
   */
  readonly unchecked: string[] = [];

  constructor(
    readonly path: string,
    private readonly identity: string,
  ) {
    this.statePath = `${path}.harvest-state.json`;
    const state = readState(this.statePath, identity);
    this.records = this.#resume(path, 'output', state, 'records');
    this.rejects = this.#resume(`${path}.rejects.ndjson`, 'rejects file', state, 'rejects');
    this.deleted = this.#resume(`${path}.deleted.ndjson`, 'file of deleted records', state, 'deleted');
    if (state) {
      this.counts.records = state.records;
      this.counts.rejects = state.rejects;
      this.counts.deleted = state.deleted;
      this.position = { token: state.token, count: state.count, finished: state.finished };
    }
  }

  /**
   * One file as the state left it: long enough, its kept bytes those harvested
   * (when the state has their digest), and its running hash started with them.
   */
  #resume(path: string, what: string, state: StateJson | undefined, which: keyof PerFile<unknown>): AppendFile {
    const keep = state?.bytes?.[which] ?? 0;
    checkKept(path, keep, what, this.statePath);
    // The kept bytes are hashed even without a digest to compare: the running hash must start with them.
    const hash = hashPrefix(path, keep);
    const expected = state?.sha256?.[which];
    if (expected !== undefined) checkUnchanged(path, hash, expected, what, this.statePath);
    else if (keep > 0) this.unchecked.push(path);
    return new AppendFile(path, keep, hash);
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
      kitapHarvestOutput: VERSION,
      identity: this.identity,
      ...(token !== undefined ? { token } : {}),
      count,
      finished: token === undefined,
      bytes: { records: this.records.size, rejects: this.rejects.size, deleted: this.deleted.size },
      sha256: { records: this.records.sha256(), rejects: this.rejects.sha256(), deleted: this.deleted.sha256() },
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
