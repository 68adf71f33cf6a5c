/**
 * One MARCXML record element (its text, cut out of the stream by the scanner)
 * → a MarcRecord, or the problems that stop it from being one.
 */
import type { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Place, lazyModule } from '@kitap/core';
import { type ControlField, type DataField, type Field, type Subfield, controlField, dataField } from '../record/field.js';
import { Leader } from '../record/leader.js';
import { MarcRecord } from '../record/record.js';
import {
  type RecordProblems,
  isValidIndicator,
  isValidLeader,
  isValidSubfieldCode,
  isValidTag,
  show,
} from './problems.js';
import { isPlainWellFormed } from './quick-check.js';
import { type NamespaceScope, extendScope, isMarcNamespace, resolveName } from './scanner.js';
import { codePointLabel, decodeXmlText, findIllegalXmlChar } from './xml-text.js';

/**
 * fast-xml-parser, loaded when the first MARCXML record is parsed, from its CommonJS build: its
 * ES module build took ~30 ms to load and the CommonJS one ~6, and most runs (ISO2709 input, the
 * lint and fix workers) parse no XML at all.
 */
interface FastXml {
  XMLParser: typeof XMLParser;
  XMLValidator: typeof XMLValidator;
}
const fastXmlModule = lazyModule<FastXml>(import.meta.url, 'fast-xml-parser');
let loaded: { parser: XMLParser; validator: FastXml['XMLValidator'] } | undefined;

/** The parser (made once, with PARSER_OPTIONS) and the validator. */
function fastXml(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const { XMLParser: Parser, XMLValidator } = fastXmlModule();
  loaded = { parser: new Parser(PARSER_OPTIONS), validator: XMLValidator };
  return loaded;
}

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  // Entities are decoded here (decodeXmlText), so that an undefined one is an error and not text.
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  ignoreDeclaration: true,
  ignorePiTags: true,
  // No callbacks use paths; building them as strings costs time.
  jPath: false,
};

/** A node of fast-xml-parser's ordered output: `{ name: children, ':@': attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;

/** Attribute name → value (still escaped: entities are decoded by decodeXmlText). */
type Attributes = Readonly<Record<string, string>>;

const NO_ATTRIBUTES: Attributes = Object.freeze({});

interface Element {
  qname: string;
  attributes: Attributes;
  children: OrderedNode[];
}

const RECORD_TYPES = new Set(['Bibliographic', 'Authority', 'Holdings', 'Classification', 'Community']);

/** The element name of a node, or undefined for text, CDATA and comments (whose keys start with '#'). */
function nameOf(node: OrderedNode): string | undefined {
  for (const key in node) {
    if (key === ':@') continue;
    return key.charCodeAt(0) === 0x23 ? undefined : key;
  }
  return undefined;
}

function asElement(node: OrderedNode): Element | undefined {
  const qname = nameOf(node);
  if (qname === undefined) return undefined;
  return { qname, attributes: (node[':@'] as Attributes | undefined) ?? NO_ATTRIBUTES, children: (node[qname] ?? []) as OrderedNode[] };
}

const TEXT = 1;
const CDATA = 2;
const COMMENT = 3;

/** TEXT, CDATA or COMMENT for those nodes, 0 for an element. */
function textKind(node: OrderedNode): number {
  if (node['#text'] !== undefined) return TEXT;
  if (node['#cdata'] !== undefined) return CDATA;
  if (node['#comment'] !== undefined) return COMMENT;
  return 0;
}

/** The text of a TEXT or CDATA node. */
function textOf(node: OrderedNode, kind: number): string {
  if (kind === TEXT) return String(node['#text']);
  return ((node['#cdata'] as OrderedNode[]) ?? []).map((n) => String(n['#text'] ?? '')).join('');
}

/** The scope inside an element: the parent's, unless its attributes declare namespaces. */
function scopeOf(parent: NamespaceScope, attributes: Attributes): NamespaceScope {
  if (attributes === NO_ATTRIBUTES) return parent;
  for (const name in attributes) {
    if (name.startsWith('xmlns')) return extendScope(parent, Object.entries(attributes));
  }
  return parent;
}

/** Quick test for what findIllegalXmlChar looks for (so that its precise expression runs only on suspects). */
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

export interface ParseContext {
  problems: RecordProblems;
  /** Namespace bindings in scope where the record starts. */
  scope: NamespaceScope;
  /** Line of the record's start, to turn the validator's line into a line of the file. */
  line: number | undefined;
  normalize: (value: string) => string;
}

/** Parses the record's text; returns the record's parts, or undefined when it is not well-formed XML. */
export function parseRecordXml(text: string, context: ParseContext): (() => MarcRecord) | undefined {
  const { problems } = context;
  // XMLParser does not report malformed XML itself; XMLValidator does, and runs when the quick check cannot vouch for the text.
  const valid = isPlainWellFormed(text) || fastXml().validator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const line = context.line !== undefined ? context.line + valid.err.line - 1 : undefined;
    problems.fail('E_XML', `The record is not well-formed XML: ${valid.err.msg} (line ${line ?? valid.err.line}, column ${valid.err.col}).`, line !== undefined ? { line } : undefined);
    return undefined;
  }
  let tree: OrderedNode[];
  try {
    tree = fastXml().parser.parse(text) as OrderedNode[];
  } catch (error) {
    problems.fail('E_XML', `The record is not well-formed XML: ${(error as Error).message}`);
    return undefined;
  }
  let root: Element | undefined;
  for (const node of tree) if ((root = asElement(node))) break;
  if (!root) {
    problems.fail('E_XML', 'The record element could not be read.');
    return undefined;
  }
  return new RecordBuilder(context).build(root);
}

/** What a problem message calls a value (built only when there is a problem): the leader, a control field's value, a subfield's value, a data field. */
const enum What {
  Leader,
  ControlField,
  Subfield,
  DataField,
  /** `a controlfield`, `a datafield`, `a subfield of datafield …`: the element of an attribute before its tag is known. */
  AControlField,
  ADataField,
  ASubfield,
}

function dataFieldName(tag: string | undefined): string {
  return `datafield ${tag ?? '(no tag)'}`;
}

function describe(what: What, tag: string | undefined, code: string | undefined): string {
  switch (what) {
    case What.Leader:
      return 'the leader';
    case What.ControlField:
      return `controlfield ${tag ?? '(no tag)'}`;
    case What.Subfield:
      return `subfield ${code === undefined ? '(no code)' : `$${code}`} of datafield ${tag ?? '(no tag)'}`;
    case What.DataField:
      return `datafield ${tag ?? '(no tag)'}`;
    case What.AControlField:
      return 'a controlfield';
    case What.ADataField:
      return 'a datafield';
    case What.ASubfield:
      return `a subfield of datafield ${tag ?? '(no tag)'}`;
  }
}

class RecordBuilder {
  private readonly problems: RecordProblems;
  private readonly fields: Field[] = [];
  private readonly seen = new Map<string, number>();
  private leader: string | undefined;
  private leaders = 0;
  /** The record's namespace: its children must be in it. */
  private uri = '';
  /** Scope → the URI of its default namespace (unprefixed names), for the scopes met so far. */
  private lastScope: NamespaceScope | undefined;
  private lastDefault = '';

  constructor(private readonly context: ParseContext) {
    this.problems = context.problems;
  }

  build(root: Element): () => MarcRecord {
    const scope = scopeOf(this.context.scope, root.attributes);
    this.uri = resolveName(root.qname, scope).uri;
    const type = root.attributes['type'];
    if (type !== undefined && Object.hasOwn(root.attributes, 'type') && !RECORD_TYPES.has(type)) {
      this.problems.notice('W_CONTENT_IGNORED', `The record type ${JSON.stringify(type)} is not a MARCXML record type (Bibliographic, Authority, Holdings, Classification, Community); it was ignored.`);
    }
    for (const node of root.children) {
      const kind = textKind(node);
      if (kind !== 0) {
        if (kind !== COMMENT) {
          const text = textOf(node, kind);
          if (text.trim() !== '') this.problems.fail('E_XML', `Text directly inside the record element: ${JSON.stringify(text.trim().slice(0, 40))}.`, this.after());
        }
        continue;
      }
      const element = asElement(node);
      if (element) this.child(element, scope);
    }

    if (this.leader === undefined) {
      this.problems.repair('E_XML', 'W_LEADER_MISSING', `The record has no leader; the default leader ${JSON.stringify(Leader.DEFAULT.value)} was assumed.`);
    }
    const leader = this.leader !== undefined && isValidLeader(this.leader) ? new Leader(this.leader) : Leader.DEFAULT;
    let id: string | undefined;
    for (const f of this.fields) {
      if (f.kind === 'control' && f.tag === '001') {
        id = f.value;
        break;
      }
    }
    if (id !== undefined) {
      (this.problems.place as Place).recordId = id;
      for (const e of this.problems.errors) e.place.recordId ??= id;
      for (const w of this.problems.warnings) w.place.recordId ??= id;
    }
    const fields = this.fields;
    return () => new MarcRecord(leader, fields);
  }

  /** Place of the next field to be added (for problems found before it has a tag). */
  private after(): Partial<Place> | undefined {
    const last = this.fields[this.fields.length - 1];
    return last ? { tag: last.tag } : undefined;
  }

  private occurrence(tag: string): number {
    const n = this.seen.get(tag) ?? 0;
    this.seen.set(tag, n + 1);
    return n;
  }

  /** The local name of an element in the record's namespace or a MARC namespace, else undefined. */
  private marcLocal(qname: string, scope: NamespaceScope): string | undefined {
    if (qname.indexOf(':') < 0) {
      // Unprefixed: the default namespace, looked up once a scope.
      if (scope !== this.lastScope) {
        this.lastScope = scope;
        this.lastDefault = scope.get('') ?? '';
      }
      return this.lastDefault === this.uri || isMarcNamespace(this.lastDefault) ? qname : undefined;
    }
    const { uri, local } = resolveName(qname, scope);
    return uri === this.uri || isMarcNamespace(uri) ? local : undefined;
  }

  private child(element: Element, parentScope: NamespaceScope): void {
    const scope = scopeOf(parentScope, element.attributes);
    const local = this.marcLocal(element.qname, scope);
    if (local === 'leader') return this.readLeader(element);
    if (local === 'controlfield') return this.readControlField(element);
    if (local === 'datafield') return this.readDataField(element, scope);
    this.problems.notice('W_CONTENT_IGNORED', `The element <${element.qname}> has no place in a MARC record; it was ignored.`, this.after());
  }

  /** The character data of an element that must not have child elements. */
  private content(children: OrderedNode[], what: What, tag: string | undefined, code: string | undefined, where: Partial<Place> | undefined): string {
    let value = '';
    for (const node of children) {
      const kind = textKind(node);
      if (kind === TEXT) {
        const raw = node['#text'];
        const text = typeof raw === 'string' ? raw : String(raw);
        if (text.indexOf('&') < 0 && text.indexOf('\r') < 0) {
          value = value === '' ? text : value + text;
          continue;
        }
        const decoded = decodeXmlText(text, false);
        if (decoded.error) this.problems.fail('E_XML', `${describe(what, tag, code)} has ${decoded.error}.`, where);
        value += decoded.value;
        continue;
      }
      if (kind === CDATA) {
        value += textOf(node, kind).replace(/\r\n?/g, '\n');
        continue;
      }
      if (kind === COMMENT) continue;
      const child = nameOf(node);
      if (child !== undefined) this.problems.fail('E_XML', `Unexpected element <${child}> inside ${describe(what, tag, code)}.`, where);
    }
    if (SUSPECT.test(value)) {
      const bad = findIllegalXmlChar(value);
      if (bad >= 0) {
        const char = value.slice(bad, bad + 1);
        const label = codePointLabel(char);
        if (/[\uD800-\uDFFF]/.test(char)) this.problems.fail('E_XML', `${describe(what, tag, code)} contains ${label}, which is not a character.`, where);
        else this.problems.repair('E_XML', 'W_CONTROL_CHARACTER', `${describe(what, tag, code)} contains ${label}, which XML 1.0 does not allow; it was kept.`, where);
      }
    }
    return value;
  }

  /** An attribute's value, decoded; `of` and `tag` name the element in a problem message. */
  private attribute(element: Element, name: string, of: What, tag: string | undefined, where: Partial<Place> | undefined): string | undefined {
    const raw = element.attributes[name];
    if (raw === undefined || !Object.hasOwn(element.attributes, name)) return undefined;
    if (raw.indexOf('&') < 0 && !/[\t\n\r]/.test(raw)) return raw;
    const decoded = decodeXmlText(raw, true);
    if (decoded.error) this.problems.fail('E_XML', `The ${name} attribute of ${describe(of, tag, undefined)} has ${decoded.error}.`, where);
    return decoded.value;
  }

  private readLeader(element: Element): void {
    this.leaders++;
    const value = this.content(element.children, What.Leader, undefined, undefined, undefined);
    if (this.leaders > 1) {
      this.problems.fail('E_XML', 'The record has more than one leader.');
      return;
    }
    if (isValidLeader(value)) {
      this.leader = value;
    } else if (isValidLeader(value.trim())) {
      this.problems.repair('E_LEADER', 'W_LEADER_REPAIRED', `The leader ${JSON.stringify(value)} has whitespace around its 24 characters; it was trimmed.`);
      this.leader = value.trim();
    } else {
      this.problems.fail('E_LEADER', `The leader ${JSON.stringify(value)} is not 24 printable ASCII characters (it has ${[...value].length}).`);
      this.leader = value;
    }
  }

  private readTag(element: Element, kind: string): string | undefined {
    const tag = this.attribute(element, 'tag', kind === 'datafield' ? What.ADataField : What.AControlField, undefined, this.after());
    if (tag === undefined) {
      const last = this.fields[this.fields.length - 1];
      this.problems.fail('E_XML', `A ${kind} has no tag attribute${last ? ` (after ${last.tag})` : ''}.`, this.after());
      return undefined;
    }
    if (!isValidTag(tag)) {
      this.problems.fail('E_TAG', `The ${kind} tag ${JSON.stringify(tag)} is not three ASCII letters or digits.`, { tag });
    }
    return tag;
  }

  private readControlField(element: Element): void {
    const tag = this.readTag(element, 'controlfield');
    const where = tag !== undefined ? { tag, occurrence: this.occurrence(tag) } : this.after();
    const value = this.content(element.children, What.ControlField, tag, undefined, where);
    if (tag === undefined) return;
    this.fields.push(controlField(tag, this.context.normalize(value)) satisfies ControlField);
  }

  private readDataField(element: Element, scope: NamespaceScope): void {
    const tag = this.readTag(element, 'datafield');
    const occurrence = tag !== undefined ? this.occurrence(tag) : 0;
    const where = tag !== undefined ? { tag, occurrence } : this.after();
    const ind1 = this.indicator(element, 1, tag, where);
    const ind2 = this.indicator(element, 2, tag, where);
    for (const attr in element.attributes) {
      if (attr.length === 4 && /^ind[3-9]$/.test(attr)) this.problems.fail('E_INDICATOR', `The ${dataFieldName(tag)} has ${attr}: kitap records hold two indicators.`, where);
    }

    const subfields: Subfield[] = [];
    for (const node of element.children) {
      const kind = textKind(node);
      if (kind !== 0) {
        if (kind !== COMMENT) {
          const text = textOf(node, kind);
          if (text.trim() !== '') this.problems.fail('E_XML', `Text outside a subfield in ${dataFieldName(tag)}: ${JSON.stringify(text.trim().slice(0, 40))}.`, where);
        }
        continue;
      }
      const child = asElement(node);
      if (!child) continue;
      const local = this.marcLocal(child.qname, scopeOf(scope, child.attributes));
      if (local !== 'subfield') {
        this.problems.fail('E_XML', `Unexpected element <${child.qname}> in ${dataFieldName(tag)}.`, where);
        continue;
      }
      const code = this.attribute(child, 'code', What.ASubfield, tag, where);
      const sfWhere = code !== undefined && tag !== undefined ? { tag, occurrence, subfield: code } : where;
      const value = this.content(child.children, What.Subfield, tag, code, sfWhere);
      if (code === undefined) {
        this.problems.fail('E_SUBFIELD_CODE', `A subfield of ${dataFieldName(tag)} has no code attribute.`, where);
        continue;
      }
      if (!isValidSubfieldCode(code)) {
        this.problems.fail('E_SUBFIELD_CODE', `A subfield code of ${dataFieldName(tag)} is ${show(code)}, not one ASCII graphic character.`, sfWhere);
      }
      subfields.push({ code, value: this.context.normalize(value) });
    }
    if (subfields.length === 0) {
      this.problems.repair('E_XML', 'W_EMPTY_FIELD', `The ${dataFieldName(tag)} has no subfields (MARCXML requires at least one); it was kept empty.`, where);
    }
    if (tag === undefined) return;
    this.fields.push(dataField(tag, ind1, ind2, subfields) satisfies DataField);
  }

  private indicator(element: Element, n: 1 | 2, tag: string | undefined, where: Partial<Place> | undefined): string {
    const ind = this.attribute(element, n === 1 ? 'ind1' : 'ind2', What.DataField, tag, where);
    if (ind === undefined || ind === '') {
      this.problems.repair('E_INDICATOR', 'W_INDICATORS_MISSING', `The ${dataFieldName(tag)} has no ind${n}; a blank was assumed.`, where);
      return ' ';
    }
    if (!isValidIndicator(ind)) this.problems.fail('E_INDICATOR', `The ind${n} of ${dataFieldName(tag)} is ${show(ind)}, not an ASCII letter, digit or space.`, where);
    return ind;
  }
}
