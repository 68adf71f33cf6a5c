/**
 * XML character data: end-of-line handling, the five predefined entities and
 * numeric character references (decoding), escaping (encoding) and the
 * characters XML 1.0 does not allow.
 */

/** C0 controls other than tab/LF/CR, U+FFFE, U+FFFF, and lone surrogates. */
const ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Index of the first character XML 1.0 cannot carry, or -1. */
export function findIllegalXmlChar(text: string): number {
  const match = ILLEGAL.exec(text);
  return match ? match.index : -1;
}

export function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface DecodedText {
  value: string;
  /** Set when the text has an undefined entity, a bare '&' or a reference to a character that cannot exist. */
  error?: string;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const REFERENCE = /^(#[xX][0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|apos|quot);/;

/**
 * Decodes character data as an XML parser would: CRLF and CR become LF;
 * in attribute values tab, LF and CR become spaces; then entity and character
 * references are replaced. References to C0 controls (`&#1;`) decode to the
 * control character, which the caller reports with findIllegalXmlChar.
 */
export function decodeXmlText(raw: string, attribute: boolean): DecodedText {
  let text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (attribute && /[\t\n]/.test(text)) text = text.replace(/[\t\n]/g, ' ');
  if (!text.includes('&')) return { value: text };
  const parts = text.split('&');
  let value = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    const match = REFERENCE.exec(part);
    if (!match) {
      const name = /^[^\s;<&]*;/.exec(part);
      return { value, error: name ? `undefined entity &${name[0]}` : `a bare '&' (write &amp;)` };
    }
    const ref = match[1]!;
    let char: string;
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) {
        return { value, error: `the character reference &${ref}; does not name a character` };
      }
      char = String.fromCodePoint(cp);
    } else {
      char = PREDEFINED[ref]!;
    }
    value += char + part.slice(match[0].length);
  }
  return { value };
}

/** Escapes text content: & < > and both quotes (as yaz-marcdump does), CR as &#13; so it survives end-of-line handling. */
export function escapeXmlText(value: string): string {
  if (!/[&<>"'\r]/.test(value)) return value;
  return value.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]!);
}

/** Escapes an attribute value (also tab and LF, which attribute normalisation would turn into spaces). */
export function escapeXmlAttribute(value: string): string {
  if (!/[&<>"'\r\n\t]/.test(value)) return value;
  return value.replace(/[&<>"'\r\n\t]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};
