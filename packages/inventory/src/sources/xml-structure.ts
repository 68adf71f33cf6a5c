/**
 * What the first part of an XML file is made of: for every element path,
 * how often it occurs and whether its elements look like records (they have
 * attributes or child elements). The XML reader chooses the row element from
 * these counts before it streams the file.
 */
import { XmlTokenizer } from './xml-tokenizer.js';

/** Counts for one element path. */
export interface PathStats {
  /** Qualified names from the root. */
  path: string[];
  count: number;
  /** Some element on this path has attributes or child elements. */
  recordLike: boolean;
  /** Order of first appearance. */
  order: number;
}

/** The local part of a qualified name ("msg:Header" → "Header"). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Element statistics of `bytes` (a sample, or the whole file when `complete`). */
export function xmlStructure(bytes: Uint8Array, complete: boolean): Map<string, PathStats> {
  const stats = new Map<string, PathStats>();
  const key = (path: readonly string[]): string => path.join('\u0000');
  const tokenizer: XmlTokenizer = new XmlTokenizer({
    startTag(name, _depth, _start, _end, _selfClosing, hasAttributes) {
      const parent = tokenizer.stack;
      if (parent.length > 0) {
        const p = stats.get(key(parent));
        if (p !== undefined) p.recordLike = true;
      }
      const path = [...parent, name];
      const k = key(path);
      const s = stats.get(k);
      if (s === undefined) stats.set(k, { path, count: 1, recordLike: hasAttributes, order: stats.size });
      else {
        s.count++;
        if (hasAttributes) s.recordLike = true;
      }
    },
    endTag() {},
  });
  tokenizer.feed(bytes);
  if (complete) tokenizer.feed(undefined);
  return stats;
}
