/**
 * Cuts the elements a caller selects (by their path from the root) out of a
 * stream of XML bytes, whole, so that each can be parsed on its own. Only the
 * element being cut is held in memory. An element nested inside a selected
 * one is part of it, not a separate piece.
 */
import { XmlTokenizer, type XmlTokenHandler } from './xml-tokenizer.js';

/** A selected element's bytes, or what is left of one the input cut off. */
export interface XmlPiece<K extends string> {
  kind: K;
  bytes: Uint8Array;
  /** Absolute byte offset of the element's start tag. */
  offset: number;
  /** The input ended before the element's end tag. */
  truncated: boolean;
}

/** Decides whether the element at `path` (qualified names from the root) is a piece, and of which kind. */
export type XmlSelector<K extends string> = (path: readonly string[]) => K | undefined;

/** An element larger than this is not a table row: the selection is probably wrong. */
export const MAX_ELEMENT_BYTES = 16 * 1024 * 1024;

/** Splits an XML byte stream into the selected elements; see the file comment. */
export class XmlSplitter<K extends string> {
  private readonly tokenizer: XmlTokenizer;
  private capture: { kind: K; start: number; depth: number } | undefined;
  private pieces: XmlPiece<K>[] = [];

  constructor(select: XmlSelector<K>) {
    const handler: XmlTokenHandler = {
      startTag: (name, depth, start, end, selfClosing) => {
        if (this.capture !== undefined) return;
        const kind = select([...this.tokenizer.stack, name]);
        if (kind === undefined) return;
        if (selfClosing) {
          this.pieces.push({ kind, bytes: this.tokenizer.slice(start, end), offset: start, truncated: false });
          return;
        }
        this.capture = { kind, start, depth };
        this.tokenizer.keepFrom = start;
      },
      endTag: (_name, depthAfter, _start, end) => {
        const c = this.capture;
        if (c === undefined || depthAfter > c.depth) return;
        this.pieces.push({ kind: c.kind, bytes: this.tokenizer.slice(c.start, end), offset: c.start, truncated: false });
        this.capture = undefined;
        this.tokenizer.keepFrom = undefined;
      },
    };
    this.tokenizer = new XmlTokenizer(handler);
  }

  /** Size of the element being captured so far, in bytes (0 when none). */
  get capturing(): number {
    return this.capture === undefined ? 0 : this.tokenizer.offset - this.capture.start;
  }

  /** Feeds a chunk (undefined at the end of the input) and returns the pieces it completed. */
  feed(chunk: Uint8Array | undefined): XmlPiece<K>[] {
    this.tokenizer.feed(chunk);
    if (chunk === undefined && this.capture !== undefined) {
      const c = this.capture;
      this.pieces.push({ kind: c.kind, bytes: this.tokenizer.slice(c.start, this.tokenizer.offset), offset: c.start, truncated: true });
      this.capture = undefined;
      this.tokenizer.keepFrom = undefined;
    }
    const out = this.pieces;
    this.pieces = [];
    return out;
  }
}
