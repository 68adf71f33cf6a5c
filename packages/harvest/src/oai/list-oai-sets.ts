import { harvestError } from '../harvest-error.js';
import type { HttpOptions } from '../http/fetch-page.js';
import { child, children, textOf } from '../xml/envelope.js';
import { fetchOai } from './fetch-oai.js';
import { oaiError } from './oai-error.js';
import { oaiUrl } from './oai-request.js';

/** A set of an OAI-PMH repository: what to pass as `set`, and its name. */
export interface OaiSet {
  spec: string;
  name: string;
}

/** Lists the repository's sets (ListSets, every page). A repository without sets (`noSetHierarchy`) has none: []. */
export async function listOaiSets(options: HttpOptions & { url: string }): Promise<OaiSet[]> {
  const sets: OaiSet[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const response = await fetchOai(oaiUrl(options.url, 'ListSets', token === undefined ? {} : { resumptionToken: token }), options);
    if (response.errors.some((e) => e.code === 'noSetHierarchy')) return sets;
    if (response.errors.length > 0) throw oaiError(response.errors, response.url);
    const list = child(response.root, 'ListSets');
    if (list === undefined) throw harvestError('E_HARVEST_RESPONSE', `${response.url}: the OAI-PMH response has no ListSets element.`);
    for (const set of children(list, 'set')) sets.push({ spec: textOf(set['setSpec']), name: textOf(set['setName']) });
    token = textOf(list['resumptionToken']).trim() || undefined;
    if (token === undefined) return sets;
    if (seen.has(token)) throw harvestError('E_HARVEST_RESPONSE', `${response.url}: the repository repeats a resumption token; the set list would never end.`);
    seen.add(token);
  }
}
