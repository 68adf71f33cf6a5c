/**
 * A byte-level XML tokenizer that knows just enough XML to find elements in a
 * stream: start and end tags (with quoted attribute values, which may hold
 * '>'), comments, CDATA sections, processing instructions and DOCTYPE (with an
 * internal subset) are recognised and skipped as wholes, so that a '<' inside
 * them never starts an element. Text is skipped without being looked at.
 *
 * It works on the bytes of any ASCII-compatible encoding: markup is ASCII and
 * multi-byte UTF-8 sequences never contain ASCII bytes. It keeps only the
 * unfinished construct in memory, plus whatever the caller asks to keep (the
 * element being captured), and resumes at a construct boundary when more
 * bytes arrive, so the events are the same for any chunking of the input.
 *
 * Mismatched end tags are tolerated the way a lenient reader would: an end
 * tag closes the innermost open element of that name (and everything opened
 * inside it); an end tag matching no open element is ignored.
 */

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const QUOT = 0x22;
const APOS = 0x27;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

/** What the tokenizer reports; offsets are absolute byte offsets in the input. */
export interface XmlTokenHandler {
  /**
   * A start tag (or empty-element tag). `depth` is the number of open ancestors. `name` is read as
   * UTF-8; `rawName` is its bytes one character each (names in a single-byte encoding differ there).
   */
  startTag(name: string, depth: number, start: number, end: number, selfClosing: boolean, hasAttributes: boolean, rawName: string): void;
  /** An end tag; `closed` is how many open elements it closed (0 for a stray end tag). */
  endTag(name: string, depthAfter: number, start: number, end: number, closed: number): void;
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isNameStart(c: number | undefined): boolean {
  if (c === undefined) return false;
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

/** The tokenizer; see the file comment. Feed it chunks, then `undefined` at the end of the input. */
export class XmlTokenizer {
  private buf: Buffer = Buffer.alloc(0);
  /** Absolute offset of buf[0]. */
  private base = 0;
  /** Index in buf of the next construct. */
  private pos = 0;
  /** Names of the open elements, outermost first. */
  readonly stack: string[] = [];
  /** Absolute offset from which bytes must stay available to `slice` (the element being captured). */
  keepFrom: number | undefined;
  /** Where the input ended inside markup (a tag, comment … cut off), and those bytes; set at the end of the input. */
  unfinished: { offset: number; bytes: Uint8Array } | undefined;

  constructor(private readonly handler: XmlTokenHandler) {}

  /** Bytes buffered (for limits on captured elements). */
  get buffered(): number {
    return this.buf.length;
  }

  /** Absolute offset up to which the input has been tokenized. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** A copy of the input bytes [start, end) (absolute offsets); they must still be buffered. */
  slice(start: number, end: number): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, start - this.base, end - this.base);
  }

  /** Feeds the next chunk; `undefined` marks the end of the input. */
  feed(chunk: Uint8Array | undefined): void {
    const keep = this.keepFrom === undefined ? this.pos : Math.min(this.pos, this.keepFrom - this.base);
    const rest = this.buf.subarray(keep);
    this.base += keep;
    this.pos -= keep;
    this.buf = chunk === undefined ? rest : rest.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length) : Buffer.concat([rest, chunk]);
    this.run(chunk === undefined);
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    while (this.pos < n) {
      const pos = this.pos;
      if (buf[pos] !== LT) {
        const lt = buf.indexOf(LT, pos);
        this.pos = lt < 0 ? n : lt;
        continue;
      }
      if (pos + 1 >= n) {
        if (final) this.#endInside(pos);
        return;
      }
      const c1 = buf[pos + 1];
      let end: number;
      if (c1 === BANG) {
        end = this.skipDeclaration(pos, final);
      } else if (c1 === QMARK) {
        const close = buf.indexOf('?>', pos + 2);
        end = close < 0 ? -1 : close + 2;
      } else if (c1 === SLASH) {
        const gt = buf.indexOf(GT, pos + 2);
        end = gt < 0 ? -1 : gt + 1;
        if (end > 0) this.endTag(pos, gt);
      } else if (isNameStart(c1)) {
        const gt = this.tagEnd(pos + 1);
        end = gt < 0 ? -1 : gt + 1;
        if (end > 0) this.startTag(pos, gt);
      } else {
        end = pos + 1; // a '<' that starts no markup: text
      }
      if (end < 0) {
        if (final) this.#endInside(pos);
        return;
      }
      this.pos = end;
    }
  }

  /** Closes the open elements from `depth` on (an element whose end tag is missing, with what it holds). */
  closeFrom(depth: number): void {
    if (depth < this.stack.length) this.stack.length = depth;
  }

  /** The input ends inside the markup that starts at `pos`. */
  #endInside(pos: number): void {
    this.unfinished = { offset: this.base + pos, bytes: this.buf.subarray(pos) };
    this.pos = this.buf.length;
  }

  /** End (exclusive) of a '<!' construct at pos, or -1 when it is not complete yet. */
  private skipDeclaration(pos: number, final: boolean): number {
    const buf = this.buf;
    if (!final && buf.length - pos < 9) {
      // too few bytes to tell a comment or CDATA section from a DOCTYPE
      const head = buf.subarray(pos).toString('latin1');
      if ('<![CDATA['.startsWith(head) || (head.length < 4 && '<!--'.startsWith(head))) return -1;
    }
    if (buf[pos + 2] === 0x2d && buf[pos + 3] === 0x2d) {
      const close = buf.indexOf('-->', pos + 4);
      return close < 0 ? -1 : close + 3;
    }
    if (buf.subarray(pos, pos + 9).toString('latin1') === '<![CDATA[') {
      const close = buf.indexOf(']]>', pos + 9);
      return close < 0 ? -1 : close + 3;
    }
    // DOCTYPE or another declaration: up to '>' outside quotes and outside [ ]
    let quote = 0;
    let depth = 0;
    for (let i = pos + 2; i < buf.length; i++) {
      const c = buf[i];
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === QUOT || c === APOS) quote = c;
      else if (c === LBRACKET) depth++;
      else if (c === RBRACKET) depth = Math.max(0, depth - 1);
      else if (c === GT && depth === 0) return i + 1;
    }
    return -1;
  }

  /** Index of the '>' closing the tag whose name starts at `from`, skipping quoted attribute values; -1 if not buffered yet. */
  private tagEnd(from: number): number {
    const buf = this.buf;
    let quote = 0;
    for (let i = from; i < buf.length; i++) {
      const c = buf[i];
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === QUOT || c === APOS) quote = c;
      else if (c === GT) return i;
      else if (c === LT) return i - 1; // a broken tag: it ends before the next markup
    }
    return -1;
  }

  private startTag(pos: number, gt: number): void {
    const buf = this.buf;
    const limit = buf[gt] === GT ? gt : gt + 1;
    let i = pos + 1;
    while (i < limit && !isSpace(buf[i]) && buf[i] !== SLASH && buf[i] !== GT) i++;
    const nameBytes = buf.subarray(pos + 1, i);
    const name = nameBytes.toString('utf8');
    const selfClosing = buf[gt] === GT && buf[gt - 1] === SLASH;
    let j = i;
    while (j < limit && isSpace(buf[j])) j++;
    const hasAttributes = j < limit && buf[j] !== SLASH;
    this.handler.startTag(name, this.stack.length, this.base + pos, this.base + gt + 1, selfClosing, hasAttributes, nameBytes.toString('latin1'));
    if (!selfClosing) this.stack.push(name);
  }

  private endTag(pos: number, gt: number): void {
    const name = this.buf.subarray(pos + 2, gt).toString('utf8').trim();
    const at = this.stack.lastIndexOf(name);
    const closed = at < 0 ? 0 : this.stack.length - at;
    if (at >= 0) this.stack.length = at;
    this.handler.endTag(name, this.stack.length, this.base + pos, this.base + gt + 1, closed);
  }
}
