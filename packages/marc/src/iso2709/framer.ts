import { ByteQueue } from './byte-queue.js';
import { LEADER_LENGTH, RECORD_TERMINATOR, isInterRecordByte, readDigits } from './bytes.js';

/** One record's bytes cut from the input, with what framing noticed. */
export interface Frame {
  bytes: Uint8Array;
  /** Byte offset of the frame in the input. */
  offset: number;
  /** 0-based index of the frame in the input. */
  index: number;
  /** CR/LF/NUL bytes skipped just before this frame. */
  skippedBefore: number;
  /**
   * Set when the leader's length could not be used and the record was framed by
   * its terminator instead: the code says why.
   */
  lengthProblem?: { code: 'E_RECORD_LENGTH' | 'E_RECORD_TERMINATOR'; message: string };
  /** The input ended before the record did. */
  truncated?: boolean;
  /** With `truncated`: the record was cut off by the start of another record, not by the end of the input. */
  cutOff?: true;
  /** A UTF-8 byte order mark before this record (at the start of the input or between records) was skipped; it is counted in skippedBefore. */
  bomSkipped?: true;
  /** With `bomSkipped`: how many byte order marks were skipped (3 bytes each of skippedBefore; the rest are CR/LF/NUL). */
  bomCount?: number;
}

/** The UTF-8 byte order mark. */
const BOM = [0xef, 0xbb, 0xbf];

/** A frame larger than this without a terminator is cut, so memory stays bounded on garbage input. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Cuts a byte stream into ISO2709 records. It trusts the leader's length
 * when the byte it points at is a record terminator; otherwise it frames the record by
 * the next terminator that is followed by a record start, which copes with
 * lengths counted in characters, records over 99,999 bytes and a stray 0x1D in
 * a value. Results do not depend on how the input is split into chunks.
 */
export class Framer {
  private readonly queue = new ByteQueue();
  private index = 0;
  /** Where the terminator scan of the pending frame can resume (relative to the queue head). */
  private scanFrom = -1;

  push(chunk: Uint8Array): void {
    this.queue.push(chunk);
  }

  /** Frames that can be cut now; at `final`, also whatever is left. */
  *drain(final: boolean): Generator<Frame> {
    const q = this.queue;
    if (!this.startChecked) {
      // A UTF-8 byte order mark before the first record (as text editors and some exporters
      // write): skipped, and the first frame says so. Anything else is framed as it is.
      if (q.length < BOM.length && !final) return;
      this.startChecked = true;
      if (q.length >= BOM.length && BOM.every((b, i) => q.byteAt(i) === b)) {
        q.skip(BOM.length);
        this.pendingSkipped += BOM.length;
        this.bomsSkipped++;
      }
    }
    for (;;) {
      const skipped = this.interRecordRun(0, final);
      if (skipped === undefined || (skipped === q.length && !final)) {
        // Keep the junk so the next frame can report it with its own offset.
        return;
      }
      if (skipped > 0) {
        // A BOM's bytes never start another BOM inside it, so each match is one BOM.
        for (let i = 0; i + BOM.length <= skipped; i++) {
          if (this.bomAt(i)) this.bomsSkipped++;
        }
        q.skip(skipped);
        this.pendingSkipped += skipped;
        this.scanFrom = -1;
        this.firstTerminator = -1;
      }
      if (final && q.length > 0 && this.onlyPadding(0)) {
        // Blanks (and CR/LF/NUL) padding the end of a file, as some exporters write.
        this.pendingSkipped += q.length;
        q.skip(q.length);
      }
      if (q.length === 0) {
        if (final && this.pendingSkipped > 0) {
          this.trailingOffset = this.queue.offset - this.pendingSkipped;
          this.trailingSkipped += this.pendingSkipped;
          this.trailingBoms += this.bomsSkipped;
          this.pendingSkipped = 0;
          this.bomsSkipped = 0;
        }
        return;
      }
      if (q.length < 5 && !final) return;

      const declared = q.length >= 5 ? readDigits(q.peek(5), 0, 5) : -1;
      if (declared >= LEADER_LENGTH + 1) {
        if (declared > q.length) {
          if (!final) return;
        } else if (q.byteAt(declared - 1) === RECORD_TERMINATOR) {
          // The leader's length lands exactly on a record terminator: the record is whole,
          // whatever follows it. Bytes after it that start no record are framed on their own
          // (a reject, or the cut-off part before the next record).
          yield this.cut(declared);
          continue;
        }
      }

      // The leader's length is unusable: frame by terminator.
      const end = this.findTerminator(final);
      if (end === undefined) return;
      if (end < 0) {
        yield { ...this.cut(q.length), truncated: true };
        continue;
      }
      // A record cut off, then whole records (files joined after a broken transfer): the
      // terminator found ends a record that starts inside this frame, whose leader says so
      // exactly. The cut-off part is a truncated frame of its own, and that record is read.
      const inner = this.innerRecordStart(end) || (declared < 0 && !this.leaderLike(0) ? this.plausibleRecordStart(end) : 0);
      if (inner > 0) {
        yield { ...this.cut(inner), truncated: true, cutOff: true };
        continue;
      }
      const frame = this.cut(end + 1);
      frame.lengthProblem =
        declared < 0
          ? { code: 'E_RECORD_LENGTH', message: 'leader/00-04 is not a number; the record was framed by its terminator' }
          : declared < LEADER_LENGTH + 1
            ? { code: 'E_RECORD_LENGTH', message: `leader/00-04 says ${declared} bytes, too short for a record; the record was framed by its terminator` }
            : { code: 'E_RECORD_TERMINATOR', message: `leader/00-04 says ${declared} bytes but the record is ${end + 1} bytes long (framed by its terminator)` };
      yield frame;
    }
  }

  private pendingSkipped = 0;
  /** Whether the start of the input was looked at for a byte order mark. */
  private startChecked = false;
  /** Byte order marks skipped since the last frame, until the next frame reports them. */
  private bomsSkipped = 0;
  /** CR/LF/NUL bytes and blank padding after the last record (reported by the reader as a file-level warning). */
  trailingSkipped = 0;
  /** Of trailingSkipped: the UTF-8 byte order marks (3 bytes each), and where the run began. */
  trailingBoms = 0;
  trailingOffset = 0;
  /** First terminator seen while scanning the pending frame (relative position), -1 if none. */
  private firstTerminator = -1;

  private cut(length: number): Frame {
    const offset = this.queue.offset;
    const bytes = this.queue.take(length);
    const frame: Frame = { bytes, offset, index: this.index++, skippedBefore: this.pendingSkipped };
    if (this.bomsSkipped > 0) {
      frame.bomSkipped = true;
      frame.bomCount = this.bomsSkipped;
      this.bomsSkipped = 0;
    }
    this.pendingSkipped = 0;
    this.scanFrom = -1;
    this.firstTerminator = -1;
    return frame;
  }

  /**
   * Whether position `at` (just after a terminator) is the end of input or,
   * after CR/LF/NUL, five digits. Undefined: more input is needed to tell.
   */
  private recordStartsAt(at: number, final: boolean): boolean | undefined {
    const q = this.queue;
    const i = this.interRecordRun(at, final);
    if (i === undefined) return undefined;
    if (i >= q.length) return final ? true : undefined;
    if (q.byteAt(i) === 0x20) {
      // Blanks are tolerated only as padding at the very end of the input.
      if (!final) return this.onlyPadding(i) ? undefined : false;
      return this.onlyPadding(i);
    }
    for (let k = 0; k < 5; k++) {
      if (i + k >= q.length) return final ? false : undefined;
      const b = q.byteAt(i + k);
      if (b < 0x30 || b > 0x39) return false;
    }
    return true;
  }

  /**
   * The first position after the pending frame's start where a whole record begins that ends
   * at or before `end` (the terminator framing found): five digits giving a length that lands
   * exactly on a record terminator, and the leader's indicator count and subfield code length
   * ("22") where they belong. 0: none. A record that ends before `end` is one a cut-off record
   * ran into (a truncated record, then a whole one, then junk before the next): it is read,
   * not rejected with the bytes around it.
   */
  private innerRecordStart(end: number): number {
    const q = this.queue;
    for (let p = 1; p + LEADER_LENGTH <= end; p++) {
      if (q.byteAt(p + 10) !== 0x32 || q.byteAt(p + 11) !== 0x32) continue;
      let length = 0;
      let digits = true;
      for (let k = 0; k < 5 && digits; k++) {
        const b = q.byteAt(p + k);
        digits = b >= 0x30 && b <= 0x39;
        length = length * 10 + (b - 0x30);
      }
      if (digits && length > LEADER_LENGTH && p + length - 1 <= end && q.byteAt(p + length - 1) === RECORD_TERMINATOR) return p;
    }
    return 0;
  }

  /**
   * Where the run of bytes skipped between records (CR/LF/NUL/^Z and UTF-8 byte order marks,
   * as `cat` leaves when a file starts with one) that begins at `from` ends. Undefined: a
   * byte order mark may be cut by the end of what is queued, so more input is needed.
   */
  private interRecordRun(from: number, final: boolean): number | undefined {
    const q = this.queue;
    let i = from;
    for (;;) {
      if (i < q.length && isInterRecordByte(q.byteAt(i))) {
        i++;
        continue;
      }
      if (i < q.length && q.byteAt(i) === BOM[0]) {
        let k = 1;
        while (k < BOM.length && i + k < q.length && q.byteAt(i + k) === BOM[k]) k++;
        if (k === BOM.length) {
          i += k;
          continue;
        }
        if (i + k >= q.length && !final) return undefined;
      }
      return i;
    }
  }

  private bomAt(i: number): boolean {
    const q = this.queue;
    return i + BOM.length <= q.length && BOM.every((b, k) => q.byteAt(i + k) === b);
  }

  /** Whether the bytes at `p` have a leader's indicator count and subfield code length ("22") at 10-11. */
  private leaderLike(p: number): boolean {
    const q = this.queue;
    return p + 11 < q.length && q.byteAt(p + 10) === 0x32 && q.byteAt(p + 11) === 0x32;
  }

  /**
   * For a frame that does not start with a leader: the first position where a record
   * plausibly starts that the terminator at `end` ends, though its length is wrong (counted in
   * characters, say): five digits, "22" at leader/10-11, a base address in digits at 12-16
   * pointing just past a field terminator (the directory's end) before `end`. 0: none.
   */
  private plausibleRecordStart(end: number): number {
    const q = this.queue;
    const digitsAt = (p: number): number => {
      let n = 0;
      for (let k = 0; k < 5; k++) {
        const b = q.byteAt(p + k);
        if (b < 0x30 || b > 0x39) return -1;
        n = n * 10 + (b - 0x30);
      }
      return n;
    };
    for (let p = 1; p + LEADER_LENGTH <= end; p++) {
      if (!this.leaderLike(p) || digitsAt(p) < 0) continue;
      const base = digitsAt(p + 12);
      if (base < LEADER_LENGTH + 1 || (base - LEADER_LENGTH - 1) % 12 !== 0 || p + base > end) continue;
      if (q.byteAt(p + base - 1) === 0x1e) return p;
    }
    return 0;
  }

  /** Whether every byte from `from` to the end of what is queued is a blank, CR, LF or NUL. */
  private onlyPadding(from: number): boolean {
    const q = this.queue;
    for (let i = from; i < q.length; i++) {
      const b = q.byteAt(i);
      if (b !== 0x20 && !isInterRecordByte(b)) return false;
    }
    return true;
  }

  /**
   * Position of the terminator ending the pending record: the first 0x1D that is
   * followed by a record start or the end of input. -1: none before the end of
   * input (truncated). Undefined: more input is needed.
   */
  private findTerminator(final: boolean): number | undefined {
    const q = this.queue;
    let from = this.scanFrom >= 0 ? this.scanFrom : 0;
    for (;;) {
      const at = q.indexOf(RECORD_TERMINATOR, from);
      if (at >= 0 && this.firstTerminator < 0) this.firstTerminator = at;
      if (at < 0) {
        if (q.length > MAX_FRAME_BYTES) return MAX_FRAME_BYTES - 1;
        this.scanFrom = Math.max(from, q.length);
        // No terminator is followed by a record start: the first one ends the record
        // (what follows is garbage and is framed on its own); none at all: truncated.
        return final ? this.firstTerminator : undefined;
      }
      const starts = this.recordStartsAt(at + 1, final);
      if (starts === undefined) {
        this.scanFrom = at;
        return undefined;
      }
      if (starts) return at;
      from = at + 1;
    }
  }
}
