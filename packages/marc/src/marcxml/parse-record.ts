/**
 * One MARCXML record element (its text, cut out of the stream by the scanner)
 * → a MarcRecord, or the problems that stop it from being one.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Place } from '@kitap/core';
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

const parser = new XMLParser({
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
});

/** A node of fast-xml-parser's ordered output: `{ name: children, ':@': attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;

interface Element {
  qname: string;
  attributes: [string, string][];
  children: OrderedNode[];
}

const RECORD_TYPES = new Set(['Bibliographic', 'Authority', 'Holdings', 'Classification', 'Community']);

function asElement(node: OrderedNode): Element | undefined {
  for (const key of Object.keys(node)) {
    if (key === ':@' || key.startsWith('#')) continue;
    const attrs = (node[':@'] ?? {}) as Record<string, string>;
    return { qname: key, attributes: Object.entries(attrs), children: (node[key] ?? []) as OrderedNode[] };
  }
  return undefined;
}

function textOf(node: OrderedNode): { kind: 'text' | 'cdata' | 'comment'; text: string } | undefined {
  if ('#text' in node) return { kind: 'text', text: String(node['#text']) };
  if ('#cdata' in node) return { kind: 'cdata', text: ((node['#cdata'] as OrderedNode[]) ?? []).map((n) => String(n['#text'] ?? '')).join('') };
  if ('#comment' in node) return { kind: 'comment', text: '' };
  return undefined;
}

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
  const valid = isPlainWellFormed(text) || XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const line = context.line !== undefined ? context.line + valid.err.line - 1 : undefined;
    problems.fail('E_XML', `The record is not well-formed XML: ${valid.err.msg} (line ${line ?? valid.err.line}, column ${valid.err.col}).`, line !== undefined ? { line } : undefined);
    return undefined;
  }
  let tree: OrderedNode[];
  try {
    tree = parser.parse(text) as OrderedNode[];
  } catch (error) {
    problems.fail('E_XML', `The record is not well-formed XML: ${(error as Error).message}`);
    return undefined;
  }
  const root = tree.map(asElement).find((e) => e !== undefined);
  if (!root) {
    problems.fail('E_XML', 'The record element could not be read.');
    return undefined;
  }
  return new RecordBuilder(context).build(root);
}

class RecordBuilder {
  private readonly problems: RecordProblems;
  private readonly fields: Field[] = [];
  private readonly seen = new Map<string, number>();
  private leader: string | undefined;
  private leaders = 0;
  /** The record's namespace: its children must be in it. */
  private uri = '';

  constructor(private readonly context: ParseContext) {
    this.problems = context.problems;
  }

  build(root: Element): () => MarcRecord {
    const scope = extendScope(this.context.scope, root.attributes);
    this.uri = resolveName(root.qname, scope).uri;
    const type = root.attributes.find(([name]) => name === 'type')?.[1];
    if (type !== undefined && !RECORD_TYPES.has(type)) {
      this.problems.notice('W_CONTENT_IGNORED', `The record type ${JSON.stringify(type)} is not a MARCXML record type (Bibliographic, Authority, Holdings, Classification, Community); it was ignored.`);
    }
    for (const node of root.children) {
      const text = textOf(node);
      if (text) {
        if (text.kind !== 'comment' && text.text.trim() !== '') this.problems.fail('E_XML', `Text directly inside the record element: ${JSON.stringify(text.text.trim().slice(0, 40))}.`, this.after());
        continue;
      }
      const element = asElement(node);
      if (element) this.child(element, scope);
    }

    if (this.leader === undefined) {
      this.problems.repair('E_XML', 'W_LEADER_MISSING', `The record has no leader; the default leader ${JSON.stringify(Leader.DEFAULT.value)} was assumed.`);
    }
    const leader = this.leader !== undefined && isValidLeader(this.leader) ? new Leader(this.leader) : Leader.DEFAULT;
    const id = this.fields.find((f): f is ControlField => f.kind === 'control' && f.tag === '001')?.value;
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

  private child(element: Element, parentScope: NamespaceScope): void {
    const scope = extendScope(parentScope, element.attributes);
    const { uri, local } = resolveName(element.qname, scope);
    const marc = uri === this.uri || isMarcNamespace(uri);
    if (marc && local === 'leader') return this.readLeader(element, scope);
    if (marc && local === 'controlfield') return this.readControlField(element, scope);
    if (marc && local === 'datafield') return this.readDataField(element, scope);
    this.problems.notice('W_CONTENT_IGNORED', `The element <${element.qname}> has no place in a MARC record; it was ignored.`, this.after());
  }

  /** The character data of an element that must not have child elements. */
  private content(element: Element, what: string, where: Partial<Place> | undefined): string {
    let value = '';
    for (const node of element.children) {
      const text = textOf(node);
      if (text) {
        if (text.kind === 'comment') continue;
        if (text.kind === 'cdata') {
          value += text.text.replace(/\r\n?/g, '\n');
          continue;
        }
        const decoded = decodeXmlText(text.text, false);
        if (decoded.error) this.problems.fail('E_XML', `${what} has ${decoded.error}.`, where);
        value += decoded.value;
        continue;
      }
      const child = asElement(node);
      if (child) this.problems.fail('E_XML', `Unexpected element <${child.qname}> inside ${what}.`, where);
    }
    const bad = findIllegalXmlChar(value);
    if (bad >= 0) {
      const char = value.slice(bad, bad + 1);
      const label = codePointLabel(char);
      if (/[\uD800-\uDFFF]/.test(char)) this.problems.fail('E_XML', `${what} contains ${label}, which is not a character.`, where);
      else this.problems.repair('E_XML', 'W_CONTROL_CHARACTER', `${what} contains ${label}, which XML 1.0 does not allow; it was kept.`, where);
    }
    return value;
  }

  private attribute(element: Element, name: string, what: string, where: Partial<Place> | undefined): string | undefined {
    const raw = element.attributes.find(([n]) => n === name)?.[1];
    if (raw === undefined) return undefined;
    const decoded = decodeXmlText(raw, true);
    if (decoded.error) this.problems.fail('E_XML', `The ${name} attribute of ${what} has ${decoded.error}.`, where);
    return decoded.value;
  }

  private readLeader(element: Element, _scope: NamespaceScope): void {
    this.leaders++;
    const value = this.content(element, 'the leader', undefined);
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
    const tag = this.attribute(element, 'tag', `a ${kind}`, this.after());
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

  private readControlField(element: Element, _scope: NamespaceScope): void {
    const tag = this.readTag(element, 'controlfield');
    const where = tag !== undefined ? { tag, occurrence: this.occurrence(tag) } : this.after();
    const value = this.content(element, `controlfield ${tag ?? '(no tag)'}`, where);
    if (tag === undefined) return;
    this.fields.push(controlField(tag, this.context.normalize(value)) satisfies ControlField);
  }

  private readDataField(element: Element, scope: NamespaceScope): void {
    const tag = this.readTag(element, 'datafield');
    const name = `datafield ${tag ?? '(no tag)'}`;
    const occurrence = tag !== undefined ? this.occurrence(tag) : 0;
    const where = tag !== undefined ? { tag, occurrence } : this.after();
    const indicators: string[] = [];
    for (const n of [1, 2]) {
      const ind = this.attribute(element, `ind${n}`, name, where);
      if (ind === undefined || ind === '') {
        this.problems.repair('E_INDICATOR', 'W_INDICATORS_MISSING', `The ${name} has no ind${n}; a blank was assumed.`, where);
        indicators.push(' ');
      } else {
        if (!isValidIndicator(ind)) this.problems.fail('E_INDICATOR', `The ind${n} of ${name} is ${show(ind)}, not an ASCII letter, digit or space.`, where);
        indicators.push(ind);
      }
    }
    for (const [attr] of element.attributes) {
      if (/^ind[3-9]$/.test(attr)) this.problems.fail('E_INDICATOR', `The ${name} has ${attr}: kitap records hold two indicators.`, where);
    }

    const subfields: Subfield[] = [];
    for (const node of element.children) {
      const text = textOf(node);
      if (text) {
        if (text.kind !== 'comment' && text.text.trim() !== '') this.problems.fail('E_XML', `Text outside a subfield in ${name}: ${JSON.stringify(text.text.trim().slice(0, 40))}.`, where);
        continue;
      }
      const child = asElement(node);
      if (!child) continue;
      const childScope = extendScope(scope, child.attributes);
      const { uri, local } = resolveName(child.qname, childScope);
      if (local !== 'subfield' || !(uri === this.uri || isMarcNamespace(uri))) {
        this.problems.fail('E_XML', `Unexpected element <${child.qname}> in ${name}.`, where);
        continue;
      }
      const code = this.attribute(child, 'code', `a subfield of ${name}`, where);
      const sfWhere = code !== undefined && tag !== undefined ? { tag, occurrence, subfield: code } : where;
      const value = this.content(child, `subfield ${code === undefined ? '(no code)' : `$${code}`} of ${name}`, sfWhere);
      if (code === undefined) {
        this.problems.fail('E_SUBFIELD_CODE', `A subfield of ${name} has no code attribute.`, where);
        continue;
      }
      if (!isValidSubfieldCode(code)) {
        this.problems.fail('E_SUBFIELD_CODE', `A subfield code of ${name} is ${show(code)}, not one ASCII graphic character.`, sfWhere);
      }
      subfields.push({ code, value: this.context.normalize(value) });
    }
    if (subfields.length === 0) {
      this.problems.repair('E_XML', 'W_EMPTY_FIELD', `The ${name} has no subfields (MARCXML requires at least one); it was kept empty.`, where);
    }
    if (tag === undefined) return;
    this.fields.push(dataField(tag, indicators[0]!, indicators[1]!, subfields) satisfies DataField);
  }
}
