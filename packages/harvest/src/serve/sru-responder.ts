import { type CqlClause, CqlDiagnostic, matchesCql, parseCql } from './cql-subset.js';
import type { ServedCatalog } from './served-catalog.js';
import { escapeText } from './xml-escape.js';

/** An answer: status, content type and body. */
export interface Answer {
  status: number;
  type: string;
  body: string;
}

interface Dialect {
  version: '1.2' | '2.0';
  ns: string;
  diagNs: string;
  packingElement: 'recordPacking' | 'recordXMLEscaping';
}

const SRU_12: Dialect = { version: '1.2', ns: 'http://www.loc.gov/zing/srw/', diagNs: 'http://www.loc.gov/zing/srw/diagnostic/', packingElement: 'recordPacking' };
const SRU_20: Dialect = {
  version: '2.0',
  ns: 'http://docs.oasis-open.org/ns/search-ws/sruResponse',
  diagNs: 'http://docs.oasis-open.org/ns/search-ws/diagnostic',
  packingElement: 'recordXMLEscaping',
};

/** Names of the MARCXML schema a client may ask for. */
const MARCXML_SCHEMAS = new Set(['marcxml', 'marc21-xml', 'marc21', 'info:srw/schema/1/marcxml-v1.1', 'info:srw/schema/1/marcxml-v1.1-light', 'http://www.loc.gov/marc21/slim']);

function diagnosticAnswer(d: Dialect, number: number, details: string, message: string): Answer {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<zs:searchRetrieveResponse xmlns:zs="${d.ns}">\n<zs:version>${d.version}</zs:version>\n<zs:numberOfRecords>0</zs:numberOfRecords>\n` +
    `<zs:diagnostics><diag:diagnostic xmlns:diag="${d.diagNs}"><diag:uri>info:srw/diagnostic/1/${number}</diag:uri><diag:details>${escapeText(details)}</diag:details><diag:message>${escapeText(message)}</diag:message></diag:diagnostic></zs:diagnostics>\n` +
    '</zs:searchRetrieveResponse>\n';
  return { status: 200, type: 'text/xml; charset=utf-8', body };
}

function positiveInt(value: string | null, fallback: number, min: number): number | undefined {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min ? n : undefined;
}

/**
 * Answers an SRU searchRetrieve request over the served records (deleted ones
 * left out): version 1.2 (`version=1.1|1.2`) or 2.0 (`version=2.0` or none),
 * paging with startRecord/maximumRecords (capped at the page size), records as
 * MARCXML, escaped when `recordPacking`/`recordXMLEscaping` is `string`.
 * Problems are diagnostics, as an SRU server sends them (HTTP 200).
 */
export function answerSru(params: URLSearchParams, catalog: ServedCatalog, pageSize: number): Answer {
  const version = params.get('version');
  const d = version === '1.1' || version === '1.2' ? SRU_12 : version === null || version === '2.0' ? SRU_20 : undefined;
  if (d === undefined) return diagnosticAnswer(SRU_12, 5, '2.0', `Version ${version} is not supported; use 1.2 or 2.0.`);
  const operation = params.get('operation');
  if (operation !== null && operation !== 'searchRetrieve') return diagnosticAnswer(d, 4, operation, `Only searchRetrieve is supported, not ${operation}.`);
  const query = params.get('query');
  if (query === null || query.trim() === '') return diagnosticAnswer(d, 7, 'query', 'The query parameter is missing.');
  const start = positiveInt(params.get('startRecord'), 1, 1);
  if (start === undefined) return diagnosticAnswer(d, 6, 'startRecord', 'startRecord must be a whole number from 1 on.');
  const asked = positiveInt(params.get('maximumRecords'), 10, 0);
  if (asked === undefined) return diagnosticAnswer(d, 6, 'maximumRecords', 'maximumRecords must be a whole number.');
  const schema = params.get('recordSchema') ?? 'marcxml';
  if (!MARCXML_SCHEMAS.has(schema.toLowerCase())) return diagnosticAnswer(d, 66, schema, `Records are served as MARCXML only (recordSchema=marcxml), not ${schema}.`);
  const packing = params.get(d.packingElement) ?? 'xml';
  if (packing !== 'xml' && packing !== 'string') return diagnosticAnswer(d, 71, packing, `${d.packingElement} must be xml or string.`);
  let clauses: CqlClause[];
  try {
    clauses = parseCql(query);
  } catch (error) {
    if (error instanceof CqlDiagnostic) return diagnosticAnswer(d, error.number, error.details, error.message);
    throw error;
  }
  const hits = catalog.records.filter((r) => !r.deleted && matchesCql(r, clauses));
  if (hits.length > 0 && start > hits.length) return diagnosticAnswer(d, 61, String(start), `startRecord ${start} is past the ${hits.length} hits.`);
  const page = hits.slice(start - 1, start - 1 + Math.min(asked, pageSize));
  let body = `<?xml version="1.0" encoding="UTF-8"?>\n<zs:searchRetrieveResponse xmlns:zs="${d.ns}">\n<zs:version>${d.version}</zs:version>\n<zs:numberOfRecords>${hits.length}</zs:numberOfRecords>\n`;
  if (page.length > 0) {
    body += '<zs:records>\n';
    page.forEach((record, k) => {
      const data = packing === 'string' ? escapeText(record.xml) : record.xml;
      body += `<zs:record><zs:recordSchema>info:srw/schema/1/marcxml-v1.1</zs:recordSchema><zs:${d.packingElement}>${packing}</zs:${d.packingElement}><zs:recordData>${data}</zs:recordData><zs:recordPosition>${start + k}</zs:recordPosition></zs:record>\n`;
    });
    body += '</zs:records>\n';
  }
  const next = start + page.length;
  if (page.length > 0 && next <= hits.length) body += `<zs:nextRecordPosition>${next}</zs:nextRecordPosition>\n`;
  body += '</zs:searchRetrieveResponse>\n';
  return { status: 200, type: 'text/xml; charset=utf-8', body };
}
