import { harvestError } from '../harvest-error.js';
import type { HttpOptions } from '../http/fetch-page.js';
import { child, children, textOf } from '../xml/envelope.js';
import { fetchOai } from './fetch-oai.js';
import { oaiError } from './oai-error.js';
import { oaiUrl } from './oai-request.js';

/** What a repository says of itself (Identify). */
export interface OaiIdentity {
  repositoryName: string;
  baseURL: string;
  protocolVersion: string;
  earliestDatestamp: string;
  /** `no`, `transient` or `persistent`: whether deleted records are reported, and for how long. */
  deletedRecord: string;
  /** `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`: the precision `from` and `until` may have. */
  granularity: string;
  adminEmails: string[];
}

/** Asks a repository to identify itself: a quick check that a URL is an OAI-PMH base URL, and what it supports. */
export async function identifyOai(options: HttpOptions & { url: string }): Promise<OaiIdentity> {
  const response = await fetchOai(oaiUrl(options.url, 'Identify'), options);
  if (response.errors.length > 0) throw oaiError(response.errors, response.url);
  const identify = child(response.root, 'Identify');
  if (identify === undefined) throw harvestError('E_HARVEST_RESPONSE', `${response.url}: the OAI-PMH response has no Identify element.`);
  return {
    repositoryName: textOf(identify['repositoryName']),
    baseURL: textOf(identify['baseURL']),
    protocolVersion: textOf(identify['protocolVersion']),
    earliestDatestamp: textOf(identify['earliestDatestamp']),
    deletedRecord: textOf(identify['deletedRecord']),
    granularity: textOf(identify['granularity']),
    adminEmails: children(identify, 'adminEmail').map((e) => textOf(e)),
  };
}
