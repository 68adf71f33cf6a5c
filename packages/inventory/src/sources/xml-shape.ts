/**
 * Which elements of an XML file are the table's rows. Three shapes:
 *
 * - a 1C value table (root `ValueTable` in http://v8.1c.ru/8.1/data/core):
 *   `<column><Name>…</Name>…</column>` elements name the columns, then each
 *   `<row>` holds one `<Value>` per column;
 * - a 1C EnterpriseData message (root `Message`, with `msg:Header` and
 *   `Body`): the objects in the Body are the rows; when the Body holds
 *   several object types, the most frequent one in the sample is read;
 * - plain table XML: the row element is the most repeated element that looks
 *   like a record (has attributes or child elements) and is not nested in
 *   another such element; ties go to the shallower, then the earlier one.
 *
 * `xmlRow` overrides the guess: every element with that name (local or
 * prefixed), not nested in another one, is a row.
 */
import { localName, type PathStats } from './xml-structure.js';

/** The namespace of 1C's serialised platform types (ValueTable among them). */
export const V8_CORE_NAMESPACE = 'http://v8.1c.ru/8.1/data/core';

/** The shape found, with the path (or name) of the row elements and a note for the summary. */
export type XmlShape =
  | { kind: 'value-table'; rowPath: string[]; columnPath: string[]; note: string }
  | { kind: 'enterprise-data'; rowPath: string[]; note: string }
  | { kind: 'plain'; rowPath: string[]; note: string }
  | { kind: 'named'; rowName: string; note: string };

function shown(path: readonly string[]): string {
  return path.map((n) => `<${n}>`).join(' › ');
}

/** Is `inner` strictly inside `outer`? */
function isInside(inner: readonly string[], outer: readonly string[]): boolean {
  return inner.length > outer.length && outer.every((n, i) => inner[i] === n);
}

/**
 * The shape of the file from its sample's element statistics, or a reason why
 * no row element could be found.
 */
export function xmlShape(stats: Map<string, PathStats>, xmlRow: string | undefined, sampleWhere: string): XmlShape | { problem: string } {
  const all = [...stats.values()].sort((a, b) => a.order - b.order);
  if (xmlRow !== undefined) {
    const found = all.filter((s) => s.path[s.path.length - 1] === xmlRow || localName(s.path[s.path.length - 1] as string) === xmlRow);
    const count = found.reduce((n, s) => n + s.count, 0);
    return { kind: 'named', rowName: xmlRow, note: `XML rows: <${xmlRow}> elements (given; ${count} in ${sampleWhere})` };
  }
  const root = all.find((s) => s.path.length === 1);
  if (root === undefined) return { problem: `no element found in ${sampleWhere}` };
  const rootName = root.path[0] as string;
  const rootLocal = localName(rootName);

  if (rootLocal === 'ValueTable') {
    const row = all.find((s) => s.path.length === 2 && localName(s.path[1] as string) === 'row');
    const column = all.find((s) => s.path.length === 2 && localName(s.path[1] as string) === 'column');
    return {
      kind: 'value-table',
      rowPath: row?.path ?? [rootName, 'row'],
      columnPath: column?.path ?? [rootName, 'column'],
      note: `XML shape: 1C value table (<${rootName}> with <column> and <row> elements, ${V8_CORE_NAMESPACE})`,
    };
  }

  const body = all.find((s) => s.path.length === 2 && localName(s.path[1] as string) === 'Body');
  if (rootLocal === 'Message' && body !== undefined) {
    const objects = all.filter((s) => s.path.length === 3 && isInside(s.path, body.path));
    if (objects.length === 0) return { problem: `the EnterpriseData message has no objects in its Body within ${sampleWhere}` };
    const best = objects.reduce((a, b) => (b.count > a.count ? b : a));
    const others = objects.filter((s) => s !== best).map((s) => `${localName(s.path[2] as string)} ×${s.count}`);
    const other = others.length > 0 ? `; other objects in the body are not read: ${others.join(', ')}` : '';
    return {
      kind: 'enterprise-data',
      rowPath: best.path,
      note: `XML shape: 1C EnterpriseData message; rows are the <${best.path[2]}> objects of its Body (${best.count} in ${sampleWhere})${other}`,
    };
  }
  if (rootLocal === 'Message' && body === undefined && all.some((s) => s.path.length === 2 && localName(s.path[1] as string) === 'Header')) {
    return { problem: `the EnterpriseData message has no Body within ${sampleWhere}` };
  }

  const candidates = all.filter((s) => s.path.length >= 2 && s.recordLike);
  const repeated = candidates.filter((s) => s.count >= 2);
  const pool = repeated.length > 0 ? repeated : candidates;
  const outer = pool.filter((s) => !pool.some((o) => o !== s && isInside(s.path, o.path)));
  if (outer.length === 0) {
    const children = all.filter((s) => s.path.length === 2);
    if (children.length === 0) return { problem: `the root element <${rootName}> has no child elements in ${sampleWhere}` };
    outer.push(...children);
  }
  const best = outer.reduce((a, b) => (b.count > a.count || (b.count === a.count && b.path.length < a.path.length) ? b : a));
  return {
    kind: 'plain',
    rowPath: best.path,
    note: `XML rows: ${shown(best.path)} (the most repeated record element: ${best.count} in ${sampleWhere})`,
  };
}
