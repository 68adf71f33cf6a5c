/**
 * A quick, conservative well-formedness check of one record's text, so that
 * fast-xml-parser's XMLValidator (which walks the text character by character
 * and costs about half as much as the parse itself) runs only when it has
 * something to say.
 *
 * fast-xml-parser's XMLParser does not report malformed input by itself: it
 * parses mismatched and unclosed tags, repeated and boolean attributes, a bare
 * `&` and text after the root element without a word. So a validation must
 * come first; this one vouches only for what XMLValidator accepts too:
 *
 *   `true`  — the text is plain well-formed XML: elements with ASCII names
 *             (`[A-Za-z_][A-Za-z0-9_.:-]*`), properly nested and closed, one
 *             root; attributes each after whitespace, with `=` and a quoted
 *             value holding no `<`, none repeated; character data with `&`
 *             only in character references (`&#123;`, `&#x1F;`) or entity
 *             references (`&name;`); nothing but whitespace around the root.
 *             XMLValidator accepts every such text.
 *   `false` — anything else: malformed text, and also well-formed text with
 *             comments, CDATA sections, processing instructions, non-ASCII
 *             names…, for XMLValidator to judge (and word the error).
 *
 * So for every text the outcome (and the error message) is the one
 * XMLValidator alone would give; the common case is a linear scan.
 */

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const SEMI = 0x3b;
const HASH = 0x23;

/** 1: may start a name; 2: may only continue one. */
const NAME = new Uint8Array(128);
for (let c = 0x41; c <= 0x5a; c++) NAME[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) NAME[c] = 1;
NAME[0x5f] = 1; // _
for (let c = 0x30; c <= 0x39; c++) NAME[c] = 2;
NAME[0x2e] = 2; // .
NAME[0x2d] = 2; // -
NAME[0x3a] = 2; // :

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** End of the name starting at i (i itself when there is none). */
function nameEnd(text: string, i: number): number {
  if (NAME[text.charCodeAt(i)] !== 1) return i;
  let k = i + 1;
  while (NAME[text.charCodeAt(k)]! > 0) k++;
  return k;
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Is the `&` at i the start of a reference XMLValidator accepts (`&#9;`, `&#x9;`, `&name;` of up to 19 word characters)? */
function isReference(text: string, i: number): boolean {
  let k = i + 1;
  if (text.charCodeAt(k) === HASH) {
    k++;
    const hex = text.charCodeAt(k) === 0x78; // x (XMLValidator takes no X)
    if (hex) k++;
    const from = k;
    while (hex ? isHex(text.charCodeAt(k)) : isDigit(text.charCodeAt(k))) k++;
    return k > from && text.charCodeAt(k) === SEMI;
  }
  if (NAME[text.charCodeAt(k)] !== 1) return false;
  const from = k;
  while (k - from < 19) {
    const c = text.charCodeAt(k);
    if (!(NAME[c] === 1 || isDigit(c))) break;
    k++;
  }
  return text.charCodeAt(k) === SEMI;
}

/** Are the `length` characters at a and at b the same? */
function same(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** Open elements (start and length of each name) and the attributes of the current tag: reused from call to call, nothing is allocated. */
const openAt: number[] = [];
const openLength: number[] = [];
const attrAt: number[] = [];
const attrLength: number[] = [];

/** True when the text is plain well-formed XML (see above); false when XMLValidator must judge it. */
export function isPlainWellFormed(text: string): boolean {
  const n = text.length;
  let depth = 0;
  let rootDone = false;
  let i = 0;
  /** The next '&' at or after i (2^32 - 1 when none): found once, not again for every text node. */
  let amp = -1;
  while (i < n) {
    let lt = text.indexOf('<', i);
    if (lt < 0) lt = n;
    // Character data up to the next tag.
    if (depth === 0) {
      for (let k = i; k < lt; k++) if (!isSpace(text.charCodeAt(k))) return false;
    } else {
      if (amp < i) amp = text.indexOf('&', i) >>> 0;
      while (amp < lt) {
        if (!isReference(text, amp)) return false;
        amp = text.indexOf('&', amp + 1) >>> 0;
      }
    }
    if (lt >= n) break;
    i = lt + 1;
    if (text.charCodeAt(i) === SLASH) {
      // End tag: `</name>`, whitespace allowed before '>'.
      const from = i + 1;
      const end = nameEnd(text, from);
      if (end === from || depth === 0) return false;
      i = skipSpace(text, end);
      if (text.charCodeAt(i) !== GT) return false;
      depth--;
      if (openLength[depth] !== end - from || !same(text, openAt[depth]!, from, end - from)) return false;
      if (depth === 0) rootDone = true;
      i++;
      continue;
    }
    // Start tag (or `<!…`, `<?…`, which have no name: left to XMLValidator).
    if (rootDone) return false;
    const name = i;
    const end = nameEnd(text, i);
    if (end === i) return false;
    i = end;
    let attributes = 0;
    for (;;) {
      const before = i;
      i = skipSpace(text, i);
      const c = text.charCodeAt(i);
      if (c === GT) {
        openAt[depth] = name;
        openLength[depth] = end - name;
        depth++;
        i++;
        break;
      }
      if (c === SLASH) {
        if (text.charCodeAt(i + 1) !== GT) return false;
        if (depth === 0) rootDone = true;
        i += 2;
        break;
      }
      // An attribute: whitespace, name, '=', quoted value without '<', not repeated.
      if (i === before) return false;
      const attrEnd = nameEnd(text, i);
      if (attrEnd === i) return false;
      const length = attrEnd - i;
      for (let a = 0; a < attributes; a++) if (attrLength[a] === length && same(text, attrAt[a]!, i, length)) return false;
      attrAt[attributes] = i;
      attrLength[attributes] = length;
      attributes++;
      i = skipSpace(text, attrEnd);
      if (text.charCodeAt(i) !== EQ) return false;
      i = skipSpace(text, i + 1);
      const quote = text.charCodeAt(i);
      if (quote !== QUOT && quote !== APOS) return false;
      const close = text.indexOf(quote === QUOT ? '"' : "'", i + 1);
      if (close < 0) return false;
      for (let k = i + 1; k < close; k++) if (text.charCodeAt(k) === LT) return false;
      i = close + 1;
    }
  }
  return rootDone && depth === 0;
}
