import { isMarcNamespaceUri } from './marc-namespaces.js';

const PREFIXED = /\bxmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The prefixed namespace declarations of a response, as attribute text
 * (` xmlns:marc="…"`), to put on the element that wraps an embedded record
 * read on its own: a record in `<metadata>` or `<recordData>` may use a
 * prefix declared on an ancestor (`<OAI-PMH xmlns:marc=…>`). Where a prefix
 * is bound more than once, a MARC namespace wins, so that MARC elements are
 * recognised. The default namespace is left out: an unprefixed `record` then
 * has no namespace, which the MARCXML reader takes as MARC.
 */
export function prefixDeclarations(xml: string): string {
  const bound = new Map<string, string>();
  for (const match of xml.matchAll(PREFIXED)) {
    const prefix = match[1]!;
    const uri = match[2] ?? match[3] ?? '';
    const previous = bound.get(prefix);
    if (previous === undefined || (!isMarcNamespaceUri(previous) && isMarcNamespaceUri(uri))) bound.set(prefix, uri);
  }
  let out = '';
  for (const [prefix, uri] of bound) out += ` xmlns:${prefix}="${uri.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;').replace(/</g, '&lt;')}"`;
  return out;
}
