/**
 * Cuts the elements a caller selects (by their path from the root) out of a
 * stream of XML bytes, whole, so that each can be parsed on its own. Only the
 * element being cut is held in memory. An element nested inside a selected
 * one is part of it, not a separate piece — except one of the same name: a
 * table row never holds another row, so `<Row>` inside `<Row>` means the
 * first one's end tag is missing. That piece ends where the next begins
 * (marked `unclosed`), and the next is a piece of its own: one broken row
 * never swallows the rows after it.
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
  /** The element has no end tag: another element of its name starts inside it (at `bytes`' end). */
  unclosed?: true;
}

/** Decides whether the element at `path` (qualified names from the root) is a piece, and of which kind. */
export type XmlSelector<K extends string> = (path: readonly string[]) => K | undefined;

/** An element larger than this is not a table row: the selection is probably wrong. */
export const MAX_ELEMENT_BYTES = 16 * 1024 * 1024;

/** Splits an XML byte stream into the selected elements; see the file comment. */
export class XmlSplitter<K extends string> {
  private readonly tokenizer: XmlTokenizer;
  /** The element being cut out; `rawName` is its name's bytes (see XmlTokenHandler.startTag). */
  private capture: { kind: K; rawName: string; start: number; depth: number } | undefined;
  private pieces: XmlPiece<K>[] = [];

  constructor(select: XmlSelector<K>) {
    const handler: XmlTokenHandler = {
      startTag: (name, _depth, start, end, selfClosing, _attributes, rawName) => {
        const open = this.capture;
        if (open !== undefined) {
          if (rawName !== open.rawName) return;
          // The captured element's end tag is missing: it ends here, and it (with whatever it left open) is closed.
          this.pieces.push({ kind: open.kind, bytes: this.tokenizer.slice(open.start, start), offset: open.start, truncated: false, unclosed: true });
          this.capture = undefined;
          this.tokenizer.keepFrom = undefined;
          this.tokenizer.closeFrom(open.depth);
        }
        const kind = select([...this.tokenizer.stack, name]);
        if (kind === undefined) return;
        if (selfClosing) {
          this.pieces.push({ kind, bytes: this.tokenizer.slice(start, end), offset: start, truncated: false });
          return;
        }
        this.capture = { kind, rawName, start, depth: this.tokenizer.stack.length };
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

  /**
   * How the input ended when it ended early, outside any selected element (known after the last
   * feed): inside markup (its offset and bytes, such as a start tag cut off), or with elements
   * still open (their names, outermost first). Undefined when the XML ended complete.
   */
  get cutOff(): { unfinished?: { offset: number; bytes: Uint8Array }; open: readonly string[] } | undefined {
    const { unfinished, stack } = this.tokenizer;
    if (this.endedInPiece || (unfinished === undefined && stack.length === 0)) return undefined;
    return unfinished === undefined ? { open: stack } : { unfinished, open: stack };
  }

  private endedInPiece = false;

  /** Size of the element being captured so far, in bytes (0 when none). */
  get capturing(): number {
    return this.capture === undefined ? 0 : this.tokenizer.offset - this.capture.start;
  }

  /** Feeds a chunk (undefined at the end of the input) and returns the pieces it completed. */
  feed(chunk: Uint8Array | undefined): XmlPiece<K>[] {
    this.tokenizer.feed(chunk);
    if (chunk === undefined && this.capture !== undefined) {
      const c = this.capture;
      this.endedInPiece = true;
      this.pieces.push({ kind: c.kind, bytes: this.tokenizer.slice(c.start, this.tokenizer.offset), offset: c.start, truncated: true });
      this.capture = undefined;
      this.tokenizer.keepFrom = undefined;
    }
    const out = this.pieces;
    this.pieces = [];
    return out;
  }
}
