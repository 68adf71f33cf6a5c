/**
 * Finds MARC record elements in a stream of XML bytes without building the
 * document: a byte-level state machine that knows just enough XML (tags with
 * quoted attributes, comments, CDATA, processing instructions, DOCTYPE) to
 * track elements and namespace declarations outside records and to find where
 * each record element ends. Each record's bytes are handed on whole, with the
 * namespace bindings in scope at its start, to be parsed on their own.
 *
 * The scanner keeps state between chunks and never looks ahead, so the events
 * are the same for any chunking of the input.
 *
 * Nothing that could hold a record vanishes: every byte range that could be
 * (part of) a record ends in a `record`, `truncated`, `malformed`, `orphan` or
 * `stray` event, each of which the reader turns into a record or a reject:
 * - a '<' can never stand inside a tag (not even in a quoted attribute value),
 *   so it always starts new markup; the broken tag before it is `malformed`
 *   (outside records) or stays part of the record's text (the record's parse
 *   then fails). A broken tag therefore cannot swallow the record start after it;
 * - `<!` that starts no comment, CDATA section or DOCTYPE, and a tag whose name
 *   is not an XML name, are `malformed`;
 * - MARC content outside a record element (a `leader`, `controlfield`,
 *   `datafield` or `subfield`, or any element of a MARC namespace but
 *   `collection`) — what is left of a record whose start tag is broken — is
 *   captured up to the end of its parent element (or the next record) as an `orphan`.
 * Only what XML itself hides is skipped: comments, CDATA sections and
 * processing instructions outside records, the text of elements outside
 * records (unless it holds escaped records), and elements of other namespaces.
 *
 * A record element is `record` in the MARC21 slim namespace (any prefix, or
 * the default namespace), in a MarcXchange namespace, or in no namespace at
 * all. OAI-PMH's and SRU's own `record` elements are in their namespaces and
 * are therefore only containers.
 */

import { legacyTextDecoder } from '../charset/legacy-text.js';
import { decodeXmlText } from './xml-text.js';

export const MARC21_SLIM = 'http://www.loc.gov/MARC21/slim';
export const MARCXCHANGE = ['info:lc/xmlns/marcxchange-v1', 'info:lc/xmlns/marcxchange-v2'] as const;

export function isMarcNamespace(uri: string): boolean {
  return uri === MARC21_SLIM || uri === MARCXCHANGE[0] || uri === MARCXCHANGE[1];
}

/** Prefix ('' for the default namespace) → namespace URI. */
export type NamespaceScope = ReadonlyMap<string, string>;

export type ScanEvent =
  /**
   * A complete record element (or, when `unterminated`, one cut short by the start of the next record).
   * `escaped`: it was found escaped in the text of an element (SRU's recordPacking=string).
   */
  | { kind: 'record'; bytes: Uint8Array; offset: number; line: number; scope: NamespaceScope; encoding: string | undefined; unterminated: boolean; escaped: boolean }
  /** The input (or, when `escaped`, the text node holding escaped records) ended inside a record or inside markup. */
  | { kind: 'truncated'; bytes: Uint8Array; offset: number; line: number; inRecord: boolean; encoding: string | undefined; escaped: boolean }
  /** Text outside every element (not XML, or garbage between documents). */
  | { kind: 'stray'; bytes: Uint8Array; offset: number; line: number }
  /** Markup outside records that is not XML (`reason` says why); what follows it is scanned on. */
  | { kind: 'malformed'; bytes: Uint8Array; offset: number; line: number; reason: string; encoding: string | undefined; escaped: boolean }
  /** MARC elements outside any record element, from the element `name` on (a record whose start tag is missing or broken). */
  | { kind: 'orphan'; bytes: Uint8Array; offset: number; line: number; name: string; encoding: string | undefined; escaped: boolean };

/**
 * `escaped`: the scanner reads the unescaped text of an element (its events are `escaped`, their bytes UTF-8).
 * `encoding`: the character set the caller forces on the input (ReadOptions.encoding), for the text of
 * elements that may hold escaped records; else the XML declaration's. UTF-16 input is transcoded to UTF-8
 * before it is scanned, so a UTF-16 encoding (declared or forced) is read as UTF-8.
 */
export interface ScannerOptions {
  escaped?: boolean;
  encoding?: string | undefined;
}

const enum S {
  Text,
  Lt,
  Tag,
  Bang,
  Comment,
  CData,
  Pi,
  Decl,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const RBRACKET = 0x5d;
const LBRACKET = 0x5b;
const QUOT = 0x22;
const APOS = 0x27;
const LF = 0x0a;

/** Keeps at most this many bytes of one text node outside records (escaped records larger than this are not found). */
const OUTER_TEXT_KEEP = 1 << 24;
const AMP = 0x26;
const ESCAPED_RECORD = /&lt;([A-Za-z_][\w.-]*:)?record[\s/&]/;

/** Keeps at most this many bytes of markup that is not a tag (for messages only). */
const MARKUP_KEEP = 1024;
/** Keeps at most this many bytes of text outside every element (a reject's raw text). */
const STRAY_KEEP = 1 << 16;

const utf8 = new TextDecoder('utf-8');

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** A growable byte buffer. */
class Bytes {
  data = new Uint8Array(256);
  length = 0;
  push(b: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = b;
  }
  clear(): void {
    this.length = 0;
  }
  append(bytes: Uint8Array): void {
    while (this.length + bytes.length > this.data.length) {
      const bigger = new Uint8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data.set(bytes, this.length);
    this.length += bytes.length;
  }
  /** Appends src[from..to) (byte by byte: tags are short, and a subarray costs more than copying them). */
  appendRange(src: Uint8Array, from: number, to: number): void {
    const size = to - from;
    while (this.length + size > this.data.length) {
      const bigger = new Uint8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const data = this.data;
    let at = this.length;
    for (let k = from; k < to; k++) data[at++] = src[k]!;
    this.length = at;
  }
  copy(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

interface OpenElement {
  qname: string;
  scope: NamespaceScope;
}

interface TagInfo {
  qname: string;
  end: boolean;
  selfClosing: boolean;
  attributes: [string, string][];
}

/** Name and attributes of a complete tag `<…>` (attribute values still escaped). */
export function parseTag(text: string): TagInfo {
  const end = text.charCodeAt(1) === SLASH;
  const selfClosing = !end && text.charCodeAt(text.length - 2) === SLASH;
  const body = text.slice(end ? 2 : 1, text.length - (selfClosing ? 2 : 1));
  const nameMatch = /^[^\s/>]*/.exec(body)!;
  const attributes: [string, string][] = [];
  if (!end) {
    const re = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    re.lastIndex = nameMatch[0].length;
    for (let m = re.exec(body); m; m = re.exec(body)) attributes.push([m[1]!, m[2] ?? m[3] ?? '']);
  }
  return { qname: nameMatch[0], end, selfClosing, attributes };
}

/** The scope after an element's namespace declarations. */
export function extendScope(scope: NamespaceScope, attributes: readonly [string, string][]): NamespaceScope {
  let out: Map<string, string> | undefined;
  for (const [name, value] of attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      out ??= new Map(scope);
      out.set(name === 'xmlns' ? '' : name.slice(6), value);
    }
  }
  return out ?? scope;
}

export function resolveName(qname: string, scope: NamespaceScope): { uri: string; local: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { uri: scope.get('') ?? '', local: qname };
  return { uri: scope.get(qname.slice(0, colon)) ?? `unbound:${qname.slice(0, colon)}`, local: qname.slice(colon + 1) };
}

export function isRecordElement(qname: string, scope: NamespaceScope): boolean {
  const { uri, local } = resolveName(qname, scope);
  return local === 'record' && (uri === '' || isMarcNamespace(uri));
}

/** Children of a MARC record element: outside a record, they are what is left of one. */
const RECORD_CONTENT = new Set(['leader', 'controlfield', 'datafield', 'subfield']);

/**
 * Is an element outside records MARC content that has lost its record: an
 * element of a MARC namespace other than `collection` (the schema has no
 * others), a record's child element in no namespace, or a record or a record's
 * child whose prefix is not declared.
 */
export function isOrphanElement(qname: string, scope: NamespaceScope): boolean {
  const { uri, local } = resolveName(qname, scope);
  if (isMarcNamespace(uri)) return local !== 'collection';
  if (uri === '') return RECORD_CONTENT.has(local);
  if (uri.startsWith('unbound:')) return local === 'record' || RECORD_CONTENT.has(local);
  return false;
}

/** An XML name (ASCII rules; any non-ASCII character is taken as a name character). */
const XML_NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*$/;

const enum Capture {
  None,
  /** A record element. */
  Record,
  /** MARC content outside a record element. */
  Orphan,
}

export class MarcXmlScanner {
  private state = S.Text;
  /** Absolute offset of the next byte, and the 1-based line it is on. */
  private offset = 0;
  private line = 1;

  /** Markup being collected (from its '<'). */
  private readonly mark = new Bytes();
  private markOffset = 0;
  private markLine = 1;
  private quote = 0;
  /** Comment: dashes seen in a row; CDATA: ']' in a row; PI: last byte was '?'; DOCTYPE: '[' nesting. */
  private run = 0;

  private stack: OpenElement[] = [];
  private scope: NamespaceScope = new Map();
  private encoding: string | undefined;

  // The record (or orphan MARC content) being captured.
  private capture = Capture.None;
  private recordParts: Uint8Array[] = [];
  private recordFrom = 0;
  private recordOffset = 0;
  private recordLine = 1;
  private recordQname = '';
  private recordQnameBytes = new Uint8Array(0);
  private recordScope: NamespaceScope = new Map();
  /** Record: open elements, the record's own included. Orphan: open elements inside the captured content. */
  private recordDepth = 0;

  // Character data of the innermost open element outside records (for escaped records, as SRU's recordPacking=string sends them).
  private readonly outerText = new Bytes();
  private outerTextOffset = -1;
  private outerTextLine = 1;

  // Stray text outside every element.
  private stray = new Bytes();
  private strayOffset = -1;
  private strayLine = 1;

  private events: ScanEvent[] = [];

  private readonly escaped: boolean;
  private readonly forcedEncoding: string | undefined;

  constructor(options: ScannerOptions = {}) {
    this.escaped = options.escaped ?? false;
    this.forcedEncoding = options.encoding;
  }

  push(chunk: Uint8Array): ScanEvent[] {
    this.events = [];
    this.recordFrom = 0;
    const n = chunk.length;
    for (let i = 0; i < n; ) {
      if (this.state === S.Text && this.capture === Capture.Record) {
        const j = this.inRecord(chunk, i);
        if (j !== i) {
          i = j;
          continue;
        }
        // chunk[i] is a '<' for the state machine (below).
      } else if (this.state === S.Text && (this.capture !== Capture.None || (this.stack.length > 0 && this.strayOffset < 0))) {
        // Character data inside elements: skip to the next '<'.
        let j = chunk.indexOf(LT, i);
        if (j < 0) j = n;
        if (this.capture === Capture.None && j > i) {
          if (this.outerTextOffset < 0) {
            this.outerTextOffset = this.offset;
            this.outerTextLine = this.line;
          }
          if (this.outerText.length < OUTER_TEXT_KEEP) this.outerText.append(chunk.subarray(i, j));
        }
        for (let k = chunk.indexOf(LF, i); k >= 0 && k < j; k = chunk.indexOf(LF, k + 1)) this.line++;
        this.offset += j - i;
        i = j;
        if (i >= n) break;
      } else if (this.state === S.Tag) {
        // Inside a tag: jump to the next byte that matters ('>' or a quote; in a quoted value its closing quote; '<' always).
        const q = this.quote;
        let k = i;
        let lines = 0;
        for (; k < n; k++) {
          const c = chunk[k]!;
          if (c === LT || (q === 0 ? c === GT || c === QUOT || c === APOS : c === q)) break;
          if (c === LF) lines++;
        }
        if (k > i) {
          this.mark.appendRange(chunk, i, k);
          this.line += lines;
          this.offset += k - i;
          i = k;
          if (i >= n) break;
        }
      }
      const b = chunk[i]!;
      this.step(b, chunk, i);
      if (b === LF) this.line++;
      this.offset++;
      i++;
    }
    if (this.capture !== Capture.None && this.recordFrom < n) this.recordParts.push(chunk.slice(this.recordFrom, n));
    return this.events;
  }

  /**
   * Inside a record, in character data: goes through text and complete plain
   * start and end tags of this chunk in one loop, with the outcome the state
   * machine would have for them (line count, element depth, the record's end)
   * but none of its steps, and returns where it stopped: the end of the chunk,
   * just after the record's end tag, or a '<' the state machine must take —
   * markup other than a start or end tag, a tag not complete in this chunk or
   * with a '<' inside, a record start tag.
   */
  private inRecord(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    const name = this.recordQnameBytes;
    let line = this.line;
    let depth = this.recordDepth;
    let at = i;
    while (at < n) {
      let t = at;
      let c = 0;
      for (; t < n; t++) {
        c = chunk[t]!;
        if (c === LT) break;
        if (c === LF) line++;
      }
      at = t;
      if (t >= n) break;
      // A tag at t.
      let k = t + 1;
      if (k >= n) break;
      c = chunk[k]!;
      const end = c === SLASH;
      if (end) k++;
      else if (c === BANG || c === QUESTION || c === LT) break;
      let quote = 0;
      let lines = 0;
      for (; k < n; k++) {
        c = chunk[k]!;
        if (c === LT) break;
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === GT) {
          break;
        } else if (c === QUOT || c === APOS) {
          quote = c;
        }
        if (c === LF) lines++;
      }
      if (k >= n || c === LT) break;
      // The tag is chunk[t..k], k at its '>'.
      const namesRecord = namesAt(chunk, t + (end ? 2 : 1), k, name);
      if (end) {
        depth--;
        if (depth <= 0 || namesRecord) {
          this.line = line + lines;
          this.offset += k + 1 - i;
          this.recordDepth = depth;
          this.finishRecord(chunk, k, false);
          return k + 1;
        }
      } else {
        // A record start inside the record: the state machine cuts the record there.
        if (namesRecord) break;
        if (chunk[k - 1] !== SLASH) depth++;
      }
      line += lines;
      at = k + 1;
    }
    this.line = line;
    this.offset += at - i;
    this.recordDepth = depth;
    return at;
  }

  end(): ScanEvent[] {
    this.events = [];
    this.flushStray();
    this.flushOuterText();
    if (this.capture === Capture.Record) {
      this.events.push({ kind: 'truncated', bytes: concat(this.recordParts), offset: this.recordOffset, line: this.recordLine, inRecord: true, encoding: this.encoding, escaped: this.escaped });
    } else if (this.capture === Capture.Orphan) {
      this.emitOrphan(concat(this.recordParts));
    } else if (this.state !== S.Text) {
      this.events.push({ kind: 'truncated', bytes: this.mark.copy(), offset: this.markOffset, line: this.markLine, inRecord: false, encoding: this.encoding, escaped: this.escaped });
    }
    this.capture = Capture.None;
    this.recordParts = [];
    this.state = S.Text;
    return this.events;
  }

  private step(b: number, chunk: Uint8Array, i: number): void {
    switch (this.state) {
      case S.Text:
        if (b === LT) {
          this.flushStray();
          this.flushOuterText();
          this.startMark();
        } else if (this.capture === Capture.None && this.stack.length === 0 && !isSpace(b) && !this.isBom(b)) {
          if (this.strayOffset < 0) {
            this.strayOffset = this.offset;
            this.strayLine = this.line;
            this.stray.clear();
          }
          this.pushStray(b);
        } else if (this.strayOffset >= 0) {
          this.pushStray(b);
        }
        return;
      case S.Lt:
        if (b === LT) {
          this.brokenMarkup("a '<' that starts no tag");
          this.startMark();
          return;
        }
        this.mark.push(b);
        if (b === BANG) {
          this.state = S.Bang;
        } else if (b === QUESTION) {
          this.state = S.Pi;
          this.run = 0;
        } else {
          this.state = S.Tag;
          this.quote = 0;
          if (b === GT) this.endTag(chunk, i);
        }
        return;
      case S.Tag:
        if (b === LT) {
          this.brokenMarkup("a '<' inside a tag");
          this.startMark();
          return;
        }
        this.mark.push(b);
        if (this.quote !== 0) {
          if (b === this.quote) this.quote = 0;
        } else if (b === QUOT || b === APOS) {
          this.quote = b;
        } else if (b === GT) {
          this.endTag(chunk, i);
        }
        return;
      case S.Bang: {
        if (b === LT) {
          this.brokenMarkup("'<!' that starts no comment, CDATA section or DOCTYPE");
          this.startMark();
          return;
        }
        this.mark.push(b);
        const text = utf8.decode(this.mark.data.subarray(0, this.mark.length));
        if (text === '<!--') {
          this.state = S.Comment;
          this.run = 0;
        } else if (text === '<![CDATA[') {
          this.state = S.CData;
          this.run = 0;
        } else if (text === '<!DOCTYPE') {
          this.state = S.Decl;
          this.run = 0;
          this.quote = 0;
        } else if (!'<!--'.startsWith(text) && !'<![CDATA['.startsWith(text) && !'<!DOCTYPE'.startsWith(text)) {
          // What follows is text again (a '>' in text is no error).
          this.brokenMarkup("'<!' that starts no comment, CDATA section or DOCTYPE");
          this.state = S.Text;
        }
        return;
      }
      case S.Comment:
        if (this.mark.length < MARKUP_KEEP) this.mark.push(b);
        if (b === GT && this.run >= 2) this.state = S.Text;
        else this.run = b === DASH ? this.run + 1 : 0;
        return;
      case S.CData:
        if (this.mark.length < MARKUP_KEEP) this.mark.push(b);
        if (b === GT && this.run >= 2) this.state = S.Text;
        else this.run = b === RBRACKET ? this.run + 1 : 0;
        return;
      case S.Pi:
        if (this.mark.length < MARKUP_KEEP) this.mark.push(b);
        if (b === GT && this.run === 1) {
          this.state = S.Text;
          if (this.capture === Capture.None) this.processingInstruction();
        } else {
          this.run = b === QUESTION ? 1 : 0;
        }
        return;
      case S.Decl:
        if (b === LT && this.run === 0) {
          // Outside the internal subset a DOCTYPE holds no markup.
          this.brokenMarkup("a '<' inside a DOCTYPE");
          this.startMark();
          return;
        }
        if (this.mark.length < MARKUP_KEEP) this.mark.push(b);
        this.stepDecl(b);
        return;
    }
  }

  /** Starts markup at the '<' at the current offset. */
  private startMark(): void {
    this.state = S.Lt;
    this.mark.clear();
    this.mark.push(LT);
    this.markOffset = this.offset;
    this.markLine = this.line;
  }

  /**
   * The markup in `mark` is broken (a '<' where none can be, or `<!` that
   * starts nothing). Outside a capture it is a `malformed` event. In a record
   * its bytes stay part of the record (whose parse then fails); a broken tag
   * is counted as the tag it began, so that the record's end is still found.
   */
  private brokenMarkup(reason: string): void {
    this.state = S.Text;
    if (this.capture === Capture.Record) {
      if (this.mark.length > 1 && this.mark.data[1] === SLASH) this.recordDepth = Math.max(1, this.recordDepth - 1);
      else if (this.mark.length > 1 && this.mark.data[1] !== BANG) this.recordDepth++;
      return;
    }
    if (this.capture === Capture.Orphan) return;
    this.events.push({ kind: 'malformed', bytes: this.mark.copy(), offset: this.markOffset, line: this.markLine, reason, encoding: this.encoding, escaped: this.escaped });
  }

  private stepDecl(b: number): void {
    if (this.quote !== 0) {
      if (b === this.quote) this.quote = 0;
    } else if (b === QUOT || b === APOS) {
      this.quote = b;
    } else if (b === LBRACKET) {
      this.run++;
    } else if (b === RBRACKET) {
      this.run = Math.max(0, this.run - 1);
    } else if (b === GT && this.run === 0) {
      this.state = S.Text;
    }
  }

  private pushStray(b: number): void {
    if (this.stray.length < STRAY_KEEP) this.stray.push(b);
  }

  private isBom(b: number): boolean {
    return this.offset < 3 && b === [0xef, 0xbb, 0xbf][this.offset];
  }

  private flushStray(): void {
    if (this.strayOffset < 0) return;
    // Trailing whitespace is not part of the stray text.
    let end = this.stray.length;
    while (end > 0 && isSpace(this.stray.data[end - 1]!)) end--;
    this.events.push({ kind: 'stray', bytes: this.stray.data.slice(0, end), offset: this.strayOffset, line: this.strayLine });
    this.strayOffset = -1;
  }

  /**
   * Text of an element outside records that holds escaped record elements
   * (`&lt;record xmlns=…&gt;`, as SRU sends records with recordPacking=string):
   * unescaped and scanned on its own. Its events get the offset and line of the text.
   */
  private flushOuterText(): void {
    if (this.outerTextOffset < 0) return;
    const offset = this.outerTextOffset;
    const line = this.outerTextLine;
    const bytes = this.outerText.data.subarray(0, this.outerText.length);
    this.outerTextOffset = -1;
    this.outerText.clear();
    if (bytes.indexOf(AMP) < 0) return;
    const encoding = (this.forcedEncoding ?? this.encoding)?.toLowerCase();
    const legacy = encoding === undefined || /^utf-?(8|16)/.test(encoding) ? undefined : legacyTextDecoder(encoding);
    const raw = legacy ? legacy(bytes) : utf8.decode(bytes);
    if (!ESCAPED_RECORD.test(raw)) return;
    const inner = new MarcXmlScanner({ escaped: true });
    const text = new TextEncoder().encode(decodeXmlText(raw, false).value);
    for (const event of [...inner.push(text), ...inner.end()]) {
      // The unescaped text is UTF-8 whatever the file's encoding.
      if (event.kind === 'stray') this.events.push({ ...event, offset, line: line + event.line - 1 });
      else this.events.push({ ...event, offset, line: line + event.line - 1, encoding: 'utf-8' });
    }
  }

  private processingInstruction(): void {
    const text = utf8.decode(this.mark.data.subarray(0, this.mark.length));
    if (!/^<\?xml\s/.test(text)) return;
    const match = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(text);
    if (match) this.encoding = match[1] ?? match[2];
  }

  /** A tag just ended at chunk[i] ('>'). */
  private endTag(chunk: Uint8Array, i: number): void {
    this.state = S.Text;
    if (this.capture === Capture.Record) {
      this.tagInRecord(chunk, i);
      return;
    }
    const tag = parseTag(utf8.decode(this.mark.data.subarray(0, this.mark.length)));
    if (this.capture === Capture.Orphan) {
      this.tagInOrphan(tag, chunk, i);
      return;
    }
    this.outerTag(tag, chunk, i);
  }

  /** A tag outside records. */
  private outerTag(tag: TagInfo, chunk: Uint8Array, i: number): void {
    if (!XML_NAME.test(tag.qname)) {
      this.events.push({
        kind: 'malformed',
        bytes: this.mark.copy(),
        offset: this.markOffset,
        line: this.markLine,
        reason: tag.qname === '' ? 'a tag without a name' : `a tag whose name ${JSON.stringify(tag.qname.slice(0, 40))} is not an XML name`,
        encoding: this.encoding,
        escaped: this.escaped,
      });
      return;
    }
    if (tag.end) {
      const at = this.stack.map((e) => e.qname).lastIndexOf(tag.qname);
      if (at >= 0) {
        this.stack.length = at;
        this.scope = at > 0 ? this.stack[at - 1]!.scope : new Map();
      }
      return;
    }
    const scope = extendScope(this.scope, tag.attributes);
    if (isRecordElement(tag.qname, scope)) {
      this.startCapture(Capture.Record, tag.qname, i);
      if (tag.selfClosing) this.finishRecord(chunk, i, false);
      return;
    }
    if (isOrphanElement(tag.qname, scope)) {
      this.startCapture(Capture.Orphan, tag.qname, i);
      this.recordDepth = tag.selfClosing ? 0 : 1;
      return;
    }
    if (!tag.selfClosing) {
      this.stack.push({ qname: tag.qname, scope });
      this.scope = scope;
    }
  }

  /**
   * A tag inside orphan MARC content: the content goes on to the end tag of
   * an element around it (a stray `</record>` is part of it), or to a record's start tag.
   */
  private tagInOrphan(tag: TagInfo, chunk: Uint8Array, i: number): void {
    if (tag.end) {
      if (this.recordDepth > 0) {
        this.recordDepth--;
        return;
      }
      if (!this.stack.some((e) => e.qname === tag.qname)) return;
    } else if (!isRecordElement(tag.qname, extendScope(this.scope, tag.attributes))) {
      if (!tag.selfClosing) this.recordDepth++;
      return;
    }
    this.cutCaptureBefore(chunk, i);
    this.outerTag(tag, chunk, i);
  }

  private startCapture(kind: Capture, qname: string, i: number): void {
    this.capture = kind;
    this.recordParts = [this.mark.copy()];
    this.recordFrom = i + 1;
    this.recordOffset = this.markOffset;
    this.recordLine = this.markLine;
    this.recordQname = qname;
    if (kind === Capture.Record) this.recordQnameBytes = new TextEncoder().encode(qname);
    // The record's own declarations are part of its text; its scope is what it inherits.
    this.recordScope = this.scope;
    this.recordDepth = 1;
  }

  /** Is the tag in `mark` named like the record element (compared as bytes: no decoding for the tags inside records)? */
  private markNamesRecord(end: boolean): boolean {
    const name = this.recordQnameBytes;
    const data = this.mark.data;
    const from = end ? 2 : 1;
    if (this.mark.length < from + name.length + 1) return false;
    for (let k = 0; k < name.length; k++) if (data[from + k] !== name[k]) return false;
    const after = data[from + name.length]!;
    return after === GT || after === SLASH || isSpace(after);
  }

  private tagInRecord(chunk: Uint8Array, i: number): void {
    const data = this.mark.data;
    const end = data[1] === SLASH;
    if (end) {
      this.recordDepth--;
      if (this.recordDepth <= 0 || this.markNamesRecord(true)) this.finishRecord(chunk, i, false);
      return;
    }
    const selfClosing = data[this.mark.length - 2] === SLASH;
    if (this.markNamesRecord(false)) {
      // A new record starts before the previous one ended: hand on the previous
      // one up to this tag, then start again here.
      this.cutCaptureBefore(chunk, i);
      this.startCapture(Capture.Record, this.recordQname, i);
      if (selfClosing) this.finishRecord(chunk, i, false);
      return;
    }
    if (!selfClosing) this.recordDepth++;
  }

  private finishRecord(chunk: Uint8Array, i: number, unterminated: boolean): void {
    if (this.recordFrom <= i) this.recordParts.push(chunk.slice(this.recordFrom, i + 1));
    this.events.push({
      kind: 'record',
      bytes: concat(this.recordParts),
      offset: this.recordOffset,
      line: this.recordLine,
      scope: this.recordScope,
      encoding: this.encoding,
      unterminated,
      escaped: this.escaped,
    });
    this.capture = Capture.None;
    this.recordParts = [];
    this.recordFrom = i + 1;
  }

  /** Emits what was captured so far (an unterminated record, or orphan content), without the tag that starts at markOffset. */
  private cutCaptureBefore(chunk: Uint8Array, i: number): void {
    if (this.recordFrom <= i) this.recordParts.push(chunk.slice(this.recordFrom, i + 1));
    const all = concat(this.recordParts);
    const keep = this.markOffset - this.recordOffset;
    if (this.capture === Capture.Orphan) {
      this.emitOrphan(all.subarray(0, keep));
    } else {
      this.events.push({
        kind: 'record',
        bytes: all.slice(0, keep),
        offset: this.recordOffset,
        line: this.recordLine,
        scope: this.recordScope,
        encoding: this.encoding,
        unterminated: true,
        escaped: this.escaped,
      });
    }
    this.capture = Capture.None;
    this.recordParts = [];
    this.recordFrom = i + 1;
  }

  private emitOrphan(bytes: Uint8Array): void {
    // Trailing whitespace (before the tag that ended it) is not part of it.
    let end = bytes.length;
    while (end > 0 && isSpace(bytes[end - 1]!)) end--;
    this.events.push({ kind: 'orphan', bytes: bytes.slice(0, end), offset: this.recordOffset, line: this.recordLine, name: this.recordQname, encoding: this.encoding, escaped: this.escaped });
  }
}

/** Does the tag whose '>' is at `last` have the name `name` at `from` (followed by '>', '/' or whitespace)? */
function namesAt(chunk: Uint8Array, from: number, last: number, name: Uint8Array): boolean {
  if (from + name.length > last) return false;
  for (let m = 0; m < name.length; m++) if (chunk[from + m] !== name[m]) return false;
  const after = chunk[from + name.length]!;
  return after === GT || after === SLASH || isSpace(after);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
