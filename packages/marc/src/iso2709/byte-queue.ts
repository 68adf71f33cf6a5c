const TAIL_CAPACITY = 1 << 16;

/**
 * Bytes received but not yet consumed, kept as a list of chunks. Large chunks
 * are kept as they are; small ones (down to one byte) are copied into a tail
 * buffer of 64 KiB, so the list stays short and neither scanning nor taking
 * bytes out becomes quadratic, whatever the chunk sizes.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Buffer collecting small chunks; its filled part is the last element of `chunks`. */
  private tail: Uint8Array | undefined;
  private tailLength = 0;
  /** Read position inside chunks[0]. */
  private head = 0;
  /** Bytes available. */
  length = 0;
  /** Absolute offset (in the whole input) of the first available byte. */
  offset = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.length += chunk.length;
    if (chunk.length >= TAIL_CAPACITY / 4) {
      this.tail = undefined;
      this.chunks.push(chunk);
      return;
    }
    if (!this.tail || this.tailLength + chunk.length > this.tail.length) {
      this.tail = new Uint8Array(TAIL_CAPACITY);
      this.tailLength = 0;
      this.chunks.push(this.tail.subarray(0, 0));
    }
    this.tail.set(chunk, this.tailLength);
    this.tailLength += chunk.length;
    this.chunks[this.chunks.length - 1] = this.tail.subarray(0, this.tailLength);
  }

  byteAt(i: number): number {
    let pos = this.head + i;
    for (const chunk of this.chunks) {
      if (pos < chunk.length) return chunk[pos]!;
      pos -= chunk.length;
    }
    return -1;
  }

  /** Position (relative to the first available byte) of `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number {
    let base = -this.head;
    for (const chunk of this.chunks) {
      const start = Math.max(0, from - base);
      if (start < chunk.length) {
        const found = chunk.indexOf(byte, start);
        if (found >= 0 && found + base >= 0) return found + base;
      }
      base += chunk.length;
    }
    return -1;
  }

  /** Copies the first n bytes (a view when they lie in one chunk). */
  peek(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first && this.head + n <= first.length) return first.subarray(this.head, this.head + n);
    const out = new Uint8Array(n);
    let written = 0;
    let pos = this.head;
    for (const chunk of this.chunks) {
      if (written >= n) break;
      const take = Math.min(chunk.length - pos, n - written);
      out.set(chunk.subarray(pos, pos + take), written);
      written += take;
      pos = 0;
    }
    return out;
  }

  /** Takes the first n bytes out of the queue. */
  take(n: number): Uint8Array {
    const out = this.peek(n);
    this.skip(n);
    return out;
  }

  skip(n: number): void {
    this.length -= n;
    this.offset += n;
    let left = n + this.head;
    let drop = 0;
    while (drop < this.chunks.length && left >= this.chunks[drop]!.length) {
      left -= this.chunks[drop]!.length;
      drop++;
    }
    if (drop === this.chunks.length) this.tail = undefined;
    if (drop) this.chunks.splice(0, drop);
    this.head = left;
  }
}
