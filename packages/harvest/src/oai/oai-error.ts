import type { KitapError } from '@kitap/core';
import { harvestError } from '../harvest-error.js';
import type { OaiError } from './oai-response.js';

/** What each OAI-PMH error code means for the person running the harvest. */
const HINTS: Record<string, string> = {
  badArgument: 'the request has an illegal or missing argument (check --set, --from and --until)',
  badResumptionToken: 'the resumption token is invalid or has expired',
  badVerb: 'the repository does not know the verb: is this an OAI-PMH base URL?',
  cannotDisseminateFormat: 'the repository does not offer records in this metadataPrefix (see ListMetadataFormats)',
  idDoesNotExist: 'the repository has no record with this identifier',
  noRecordsMatch: 'no records match the request',
  noMetadataFormats: 'the repository offers no metadata formats for this item',
  noSetHierarchy: 'the repository has no sets',
};

/** An OAI-PMH error answer as a KitapError naming the codes, the repository's words and the request. */
export function oaiError(errors: readonly OaiError[], url: string): KitapError {
  const parts = errors.map((e) => `${e.code}${HINTS[e.code] ? ` (${HINTS[e.code]})` : ''}${e.message ? `: ${e.message}` : ''}`);
  return harvestError('E_OAI_ERROR', `The OAI-PMH repository answered ${parts.join('; ')}. Request: ${url}`);
}
