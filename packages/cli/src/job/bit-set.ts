/** A set of small non-negative integers (record positions) in one bit each. */
export class BitSet {
  #bits = new Uint8Array(1024);
  size = 0;

  add(n: number): void {
    const byte = n >>> 3;
    if (byte >= this.#bits.length) {
      const grown = new Uint8Array(Math.max(this.#bits.length * 2, byte + 1));
      grown.set(this.#bits);
      this.#bits = grown;
    }
    const mask = 1 << (n & 7);
    if ((this.#bits[byte]! & mask) === 0) {
      this.#bits[byte]! |= mask;
      this.size++;
    }
  }
}
