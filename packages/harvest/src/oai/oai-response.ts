import { harvestError } from '../harvest-error.js';
import type { OaiHeader } from '../harvest-item.js';
import { type HttpPage, safeUrl } from '../http/fetch-page.js';
import { type XmlNode, attribute, child, children, endsWithRoot, parseEnvelope, rawContent, textOf } from '../xml/envelope.js';
import { prefixDeclarations } from '../xml/namespace-declarations.js';
import { responseText } from '../xml/response-text.js';

/** An error element of an OAI-PMH response. */
export interface OaiError {
  code: string;
  message: string;
}

/** An OAI-PMH response, parsed down to its verb's element. */
export interface OaiResponse {
  url: string;
  errors: OaiError[];
  /** The `OAI-PMH` element. */
  root: XmlNode;
  /** Prefixed namespace declarations, for reading embedded records on their own. */
  declarations: string;
  /** Some bytes could not be decoded (records holding them become rejects). */
  damaged: boolean;
}

/** One record of ListRecords or GetRecord: its header, and its metadata as raw XML. */
export interface OaiListedRecord {
  header: OaiHeader;
  deleted: boolean;
  metadata: string | undefined;
}

/** A page of ListRecords: the records and what continues the list. */
export interface OaiListPage {
  records: OaiListedRecord[];
  /** Undefined (absent or empty element): the list is complete. */
  token: string | undefined;
  completeListSize: number | undefined;
  cursor: number | undefined;
}

/**
 * Parses an OAI-PMH response. A body that is not OAI-PMH (an HTML error page,
 * a proxy's message) is `E_HARVEST_HTTP` when the status was not 200, else
 * `E_HARVEST_RESPONSE`; an OAI-PMH body is read whatever the status, since
 * some repositories send their errors with 4xx.
 */
export function parseOaiResponse(page: HttpPage): OaiResponse {
  const url = safeUrl(page.url);
  const text = responseText(page.bytes, page.headers['content-type']);
  let parsed: XmlNode;
  try {
    parsed = parseEnvelope(text.text, 'metadata');
  } catch (error) {
    throw notOai(page, url, `it is not XML (${(error as Error).message})`);
  }
  const root = child(parsed, 'OAI-PMH');
  if (root === undefined) throw notOai(page, url, 'there is no OAI-PMH element');
  if (!endsWithRoot(text.text, 'OAI-PMH')) {
    // The parser closes what a dropped connection left open: without this, the records after the cut and the
    // resumption token would be missing, and the list would look complete.
    throw harvestError(
      'E_HARVEST_RESPONSE',
      `${url}: the answer is cut off (${page.bytes.length} bytes arrived, without the closing </OAI-PMH>): the connection closed early. Run the harvest again: it continues from the last complete page.`,
    );
  }
  // The verb's element must be closed too: the parser closes what a broken answer leaves open, and a
  // ListRecords cut before its token would look like the last page.
  for (const name of Object.keys(root)) {
    if (name.startsWith('@') || name === '#text' || name === 'responseDate' || name === 'request' || name === 'error') continue;
    if (!new RegExp(`</(?:[^\\s<>:/]+:)?${name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\s*>`, 'u').test(text.text)) {
      throw harvestError('E_HARVEST_RESPONSE', `${url}: the answer is broken: its <${name}> element is never closed (${page.bytes.length} bytes arrived). Run the harvest again: it continues from the last complete page.`);
    }
  }
  const errors = children(root, 'error').map((e) => ({ code: attribute(e, 'code') ?? 'unknown', message: textOf(e) }));
  return { url, errors, root, declarations: prefixDeclarations(text.text), damaged: text.damaged };
}

function notOai(page: HttpPage, url: string, why: string): Error {
  const head = Buffer.from(page.bytes.subarray(0, 120)).toString('utf8').replace(/\s+/g, ' ').trim();
  if (page.status !== 200) return harvestError('E_HARVEST_HTTP', `${url}: HTTP ${page.status}: ${JSON.stringify(head)}`);
  return harvestError('E_HARVEST_RESPONSE', `${url}: the answer is not an OAI-PMH response: ${why}. It starts ${JSON.stringify(head)}. Is this the repository's OAI-PMH base URL?`);
}

/** The header of an OAI record element. */
export function headerOf(record: XmlNode): { header: OaiHeader; deleted: boolean } {
  const header = child(record, 'header');
  return {
    header: {
      identifier: textOf(header?.['identifier']),
      datestamp: textOf(header?.['datestamp']),
      sets: children(header, 'setSpec').map((s) => textOf(s)),
    },
    deleted: attribute(header, 'status') === 'deleted',
  };
}

function intAttribute(node: XmlNode | undefined, name: string): number | undefined {
  const value = attribute(node, name);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The records and resumption token of a ListRecords (or GetRecord) response. */
export function listPage(response: OaiResponse, verb: 'ListRecords' | 'GetRecord'): OaiListPage {
  const list = child(response.root, verb);
  if (list === undefined) {
    throw harvestError('E_HARVEST_RESPONSE', `${response.url}: the OAI-PMH response has neither an error nor a ${verb} element.`);
  }
  const records = children(list, 'record').map((record) => ({ ...headerOf(record), metadata: rawContent(record, 'metadata') }));
  const tokenNode = child(list, 'resumptionToken');
  const token = textOf(tokenNode).trim();
  return {
    records,
    token: token === '' ? undefined : token,
    completeListSize: intAttribute(tokenNode, 'completeListSize'),
    cursor: intAttribute(tokenNode, 'cursor'),
  };
}
