import { type HttpOptions, fetchPage } from '../http/fetch-page.js';
import { type OaiResponse, parseOaiResponse } from './oai-response.js';

/** GETs one OAI-PMH request (with the retries of fetchPage) and parses the answer. */
export async function fetchOai(url: string, http: HttpOptions): Promise<OaiResponse> {
  return parseOaiResponse(await fetchPage(url, http));
}
