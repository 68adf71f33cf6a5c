import type { OaiItem } from '../harvest-item.js';
import type { HttpOptions } from '../http/fetch-page.js';
import { embeddedReject, readEmbeddedMarc } from '../xml/embedded-marc.js';
import { fetchOai } from './fetch-oai.js';
import type { OaiMetadataPrefix } from './harvest-oai.js';
import { oaiError } from './oai-error.js';
import { oaiUrl } from './oai-request.js';
import { listPage } from './oai-response.js';

/** Which record to fetch. */
export interface GetOaiRecordOptions extends HttpOptions {
  url: string;
  identifier: string;
  metadataPrefix: OaiMetadataPrefix;
}

/**
 * Fetches one record with GetRecord: the MARC record (or a reject, when its
 * metadata cannot be read), or a deleted item. `idDoesNotExist` and every other
 * OAI error are `E_OAI_ERROR`.
 */
export async function getOaiRecord(options: GetOaiRecordOptions): Promise<OaiItem> {
  const response = await fetchOai(oaiUrl(options.url, 'GetRecord', { identifier: options.identifier, metadataPrefix: options.metadataPrefix }), options);
  if (response.errors.length > 0) throw oaiError(response.errors, response.url);
  const page = listPage(response, 'GetRecord');
  const where = { url: response.url, index: 0, recordId: options.identifier };
  const record = page.records[0];
  if (record === undefined) return embeddedReject('E_XML', 'The GetRecord answer holds no record.', where, '');
  if (record.deleted) return { kind: 'deleted', ...record.header };
  const items = await readEmbeddedMarc(record.metadata ?? '', response.declarations, where, response.damaged);
  if (items.length > 1) return { ...embeddedReject('E_XML', `The GetRecord answer holds ${items.length} records where one was expected.`, where, record.metadata ?? ''), header: record.header };
  return { ...items[0]!, header: record.header };
}
