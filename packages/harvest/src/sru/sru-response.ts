import { harvestError } from '../harvest-error.js';
import { type HttpPage, safeUrl } from '../http/fetch-page.js';
import { type XmlNode, child, children, parseEnvelope, rawContent, textOf } from '../xml/envelope.js';
import { prefixDeclarations } from '../xml/namespace-declarations.js';
import { responseText } from '../xml/response-text.js';
import type { SruDiagnostic } from './sru-diagnostic.js';

/** One record of a searchRetrieve response: its schema, packing, position and raw data. */
export interface SruRecord {
  schema: string;
  /** `xml` or `string` (escaped XML): SRU 1.2's recordPacking, SRU 2.0's recordXMLEscaping. */
  packing: string;
  position: number | undefined;
  data: string | undefined;
}

/** A searchRetrieve response page. */
export interface SruPage {
  url: string;
  version: string | undefined;
  numberOfRecords: number | undefined;
  nextRecordPosition: number | undefined;
  records: SruRecord[];
  diagnostics: SruDiagnostic[];
  declarations: string;
  damaged: boolean;
}

/** Schemas of surrogate diagnostics: a record that could not be sent is a diagnostic in its place. */
const DIAGNOSTIC_SCHEMAS = new Set(['info:srw/schema/1/diagnostics-v1.1', 'http://www.loc.gov/zing/srw/diagnostic/', 'info:srw/schema/1/diagnostic-v1.1']);

/** Whether a record is a surrogate diagnostic. */
export function isSurrogateDiagnostic(record: SruRecord): boolean {
  return DIAGNOSTIC_SCHEMAS.has(record.schema) || /^\s*<([\w.-]+:)?diagnostic[\s>]/.test(record.data ?? '');
}

function int(value: string): number | undefined {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/** A diagnostic element as a SruDiagnostic. */
export function diagnosticOf(node: XmlNode): SruDiagnostic {
  const d: SruDiagnostic = { uri: textOf(node['uri']).trim() };
  const details = textOf(node['details']).trim();
  const message = textOf(node['message']).trim();
  if (details) d.details = details;
  if (message) d.message = message;
  return d;
}

/** The diagnostic held in a surrogate diagnostic record's data. */
export function surrogateDiagnostic(record: SruRecord): SruDiagnostic {
  const parsed = parseEnvelope(record.data ?? '', 'kitap-none');
  const node = child(parsed, 'diagnostic');
  return node === undefined ? { uri: '', message: 'a record was replaced by a diagnostic kitap cannot read' } : diagnosticOf(node);
}

/**
 * Parses a searchRetrieve response of SRU 1.2 (`searchRetrieveResponse` in
 * the `zing/srw` namespace) or 2.0 (the OASIS `sruResponse` namespace):
 * both read alike once prefixes are dropped. A body that is not SRU is
 * `E_HARVEST_HTTP` when the status was not 200, else `E_HARVEST_RESPONSE`.
 */
export function parseSruResponse(page: HttpPage): SruPage {
  const url = safeUrl(page.url);
  const text = responseText(page.bytes, page.headers['content-type']);
  let parsed: XmlNode;
  try {
    parsed = parseEnvelope(text.text, 'recordData');
  } catch (error) {
    throw notSru(page, url, `it is not XML (${(error as Error).message})`);
  }
  const root = child(parsed, 'searchRetrieveResponse');
  // Some servers answer a request they cannot parse with a bare <diagnostics> document.
  const bare = root === undefined ? child(parsed, 'diagnostics') : undefined;
  if (root === undefined && bare === undefined) throw notSru(page, url, 'there is no searchRetrieveResponse element');
  const diagnostics = children(root !== undefined ? child(root, 'diagnostics') : bare, 'diagnostic').map(diagnosticOf);
  const records: SruRecord[] = children(child(root, 'records'), 'record').map((record) => ({
    schema: textOf(record['recordSchema']).trim(),
    packing: (textOf(record['recordPacking']) || textOf(record['recordXMLEscaping'])).trim() || 'xml',
    position: int(textOf(record['recordPosition'])),
    data: rawContent(record, 'recordData'),
  }));
  return {
    url,
    version: root !== undefined ? textOf(root['version']).trim() || undefined : undefined,
    numberOfRecords: root !== undefined ? int(textOf(root['numberOfRecords'])) : undefined,
    nextRecordPosition: root !== undefined ? int(textOf(root['nextRecordPosition'])) : undefined,
    records,
    diagnostics,
    declarations: prefixDeclarations(text.text),
    damaged: text.damaged,
  };
}

function notSru(page: HttpPage, url: string, why: string): Error {
  const head = Buffer.from(page.bytes.subarray(0, 120)).toString('utf8').replace(/\s+/g, ' ').trim();
  if (page.status !== 200) return harvestError('E_HARVEST_HTTP', `${url}: HTTP ${page.status}: ${JSON.stringify(head)}`);
  return harvestError('E_HARVEST_RESPONSE', `${url}: the answer is not an SRU searchRetrieve response: ${why}. It starts ${JSON.stringify(head)}. Is this the server's SRU base URL?`);
}
