/**
 * Turns one row element (its text) into cells. Rows are parsed one at a
 * time with fast-xml-parser, after XMLValidator has checked them: a row that
 * is not well formed becomes an error row, not a stop.
 *
 * Plain rows and EnterpriseData objects are flattened: attributes of the row
 * element and its leaf children become cells named by their local names;
 * nested elements give dotted names (КлючевыеСвойства.Наименование); an
 * element repeated under one parent is numbered from its second occurrence
 * (Товары.Строка[2].Количество); attributes of nested elements are written
 * name@attribute. Namespace declarations and xsi: attributes are not cells;
 * xsi:nil="true" is an empty cell.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { localName } from './xml-structure.js';

/** A node of fast-xml-parser's ordered output: `{ name: children, ':@': attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // entities are decoded here, in one pass (fast-xml-parser's own decoding of character references costs 5x the parse)
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const TEXT = '#text';

/** The five XML entities and character references decoded; any other `&name;` (from a DTD) is left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const CDATA = '#cdata';
const ATTRS = ':@';

/** The element's name (the one key that is not ':@'), or undefined for text nodes. */
function elementName(node: OrderedNode): string | undefined {
  for (const k of Object.keys(node)) if (k !== ATTRS && k !== TEXT && k !== CDATA && k !== '#comment') return k;
  return undefined;
}

function childrenOf(node: OrderedNode, name: string): OrderedNode[] {
  const c = node[name];
  return Array.isArray(c) ? (c as OrderedNode[]) : [];
}

function attributesOf(node: OrderedNode): [string, string][] {
  const a = node[ATTRS];
  if (typeof a !== 'object' || a === null) return [];
  return Object.entries(a as Record<string, unknown>).map(([k, v]) => [k, decodeEntities(typeof v === 'string' ? v : String(v))]);
}

/** Attributes that are data, not XML bookkeeping. */
function isDataAttribute(name: string): boolean {
  return !(name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:'));
}

function isNil(node: OrderedNode): boolean {
  return attributesOf(node).some(([k, v]) => localName(k) === 'nil' && k.startsWith('xsi:') && v.trim() === 'true');
}

/** Concatenated text and CDATA of an element and its descendants. */
export function textOf(children: OrderedNode[]): string {
  let out = '';
  for (const c of children) {
    if (typeof c[TEXT] === 'string' || typeof c[TEXT] === 'number') out += decodeEntities(String(c[TEXT]));
    else if (Array.isArray(c[CDATA])) out += rawText(c[CDATA] as OrderedNode[]);
    else {
      const name = elementName(c);
      if (name !== undefined) out += textOf(childrenOf(c, name));
    }
  }
  return out;
}

/** The text of a CDATA section, as written (no entities in it). */
function rawText(children: OrderedNode[]): string {
  return children.map((c) => (typeof c[TEXT] === 'string' || typeof c[TEXT] === 'number' ? String(c[TEXT]) : '')).join('');
}

function elementChildren(children: OrderedNode[]): OrderedNode[] {
  return children.filter((c) => elementName(c) !== undefined);
}

/** The parsed row element, or the validator's complaint (with the line inside the row). */
export function parseElement(text: string): { node: OrderedNode; name: string } | { error: string } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { error: `${valid.err.msg} (line ${valid.err.line} of the element)` };
  const parsed = parser.parse(text) as OrderedNode[];
  const node = parsed.find((n) => elementName(n) !== undefined);
  const name = node === undefined ? undefined : elementName(node);
  if (node === undefined || name === undefined) return { error: 'no element found' };
  return { node, name };
}

/** Flattened [name, value] pairs of a plain row or EnterpriseData object, in document order. */
export function flattenRow(node: OrderedNode, name: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of attributesOf(node)) if (isDataAttribute(k)) out.push([localName(k), v]);
  const children = childrenOf(node, name);
  const elements = elementChildren(children);
  if (elements.length === 0) {
    const text = textOf(children);
    if (text.trim() !== '' || out.length === 0) out.push([localName(name), isNil(node) ? '' : text]);
    return out;
  }
  flattenChildren(elements, '', out);
  return out;
}

function flattenChildren(elements: OrderedNode[], prefix: string, out: [string, string][]): void {
  const seen = new Map<string, number>();
  for (const child of elements) {
    const name = elementName(child) as string;
    const local = localName(name);
    const n = (seen.get(local) ?? 0) + 1;
    seen.set(local, n);
    const key = `${prefix}${local}${n > 1 ? `[${n}]` : ''}`;
    for (const [k, v] of attributesOf(child)) if (isDataAttribute(k)) out.push([`${key}@${localName(k)}`, v]);
    const children = childrenOf(child, name);
    const nested = elementChildren(children);
    if (nested.length > 0) flattenChildren(nested, `${key}.`, out);
    else out.push([key, isNil(child) ? '' : textOf(children)]);
  }
}

/** The cells of a 1C value table row: its Value children in order (xsi:nil → ''). */
export function valueTableCells(node: OrderedNode, name: string): string[] {
  return elementChildren(childrenOf(node, name))
    .filter((c) => localName(elementName(c) as string) === 'Value')
    .map((c) => (isNil(c) ? '' : textOf(childrenOf(c, elementName(c) as string))));
}

/** The Name of a 1C value table column element. */
export function valueTableColumnName(node: OrderedNode, name: string): string | undefined {
  const nameNode = elementChildren(childrenOf(node, name)).find((c) => localName(elementName(c) as string) === 'Name');
  return nameNode === undefined ? undefined : textOf(childrenOf(nameNode, elementName(nameNode) as string)).trim();
}
