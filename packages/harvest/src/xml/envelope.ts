import { XMLParser } from 'fast-xml-parser';

/** A parsed element: text and attributes (`@name`) and children by local name. */
export type XmlNode = { [key: string]: XmlValue };
/** What a child can be: text, an element, or a list of either (for the names parsed as lists). */
export type XmlValue = string | XmlNode | XmlValue[];

/** Element names that may repeat in SRU and OAI-PMH responses; always parsed as lists. */
const LISTS = new Set(['record', 'setSpec', 'set', 'diagnostic', 'error', 'adminEmail', 'description', 'metadataFormat', 'header']);

/**
 * Parses the envelope of an SRU or OAI-PMH response. Namespace prefixes are
 * dropped (SRU 1.2 and 2.0, and every server's choice of prefixes, then read
 * alike). The content of each `stopNode` element (`metadata`, `recordData`)
 * is kept as raw XML text and read by the MARCXML reader, which knows MARC far
 * better than a generic parser.
 */
export function parseEnvelope(text: string, stopNode: string): XmlNode {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    stopNodes: [`*.${stopNode}`],
    isArray: (name) => LISTS.has(name),
  });
  const parsed: unknown = parser.parse(text);
  return parsed !== null && typeof parsed === 'object' ? (parsed as XmlNode) : {};
}

/** The element's text (its `#text` when it has attributes); '' for none. */
export function textOf(value: XmlValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return textOf(value[0]);
  const text = value['#text'];
  return typeof text === 'string' ? text : '';
}

/** The child element (the first, when repeated), if it is an element. */
export function child(node: XmlValue | undefined, name: string): XmlNode | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  if (Array.isArray(node)) return child(node[0], name);
  const value = node[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    const first = value[0];
    return first !== undefined && typeof first === 'object' && !Array.isArray(first) ? first : typeof first === 'string' ? { '#text': first } : undefined;
  }
  return typeof value === 'string' ? { '#text': value } : value;
}

/** Every child of that name, as elements (text-only children become `{ '#text' }`). */
export function children(node: XmlValue | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((item) => (typeof item === 'string' ? [{ '#text': item }] : Array.isArray(item) ? [] : [item]));
}

/** An attribute's value. */
export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** The raw content kept for a stop node ('' when empty or absent). */
export function rawContent(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined) return undefined;
  const value = node[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return textOf(value);
}

/**
 * Whether an XML document ends with the end tag of its root element `name`
 * (with any prefix), followed by nothing but whitespace, comments and
 * processing instructions. A body cut off by a connection that closed early
 * does not, even when what arrived parses (the parser closes what is open).
 */
export function endsWithRoot(text: string, name: string): boolean {
  let end = text.length;
  for (;;) {
    while (end > 0 && /\s/u.test(text[end - 1]!)) end--;
    if (text.endsWith('-->', end)) {
      const open = text.lastIndexOf('<!--', end - 3);
      if (open < 0) return false;
      end = open;
    } else if (text.endsWith('?>', end)) {
      const open = text.lastIndexOf('<?', end - 2);
      if (open < 0) return false;
      end = open;
    } else break;
  }
  const close = text.lastIndexOf('</', end);
  if (close < 0) return false;
  const tag = text.slice(close + 2, end);
  if (!tag.endsWith('>')) return false;
  const qualified = tag.slice(0, -1).trimEnd();
  return qualified === name || (qualified.endsWith(`:${name}`) && !/[\s<>]/u.test(qualified));
}
