import type { HarvestCheckpoint } from '../state/harvest-checkpoint.js';
import { harvestError } from '../harvest-error.js';
import type { OaiItem } from '../harvest-item.js';
import type { HttpOptions } from '../http/fetch-page.js';
import { embeddedReject, readEmbeddedMarc } from '../xml/embedded-marc.js';
import { fetchOai } from './fetch-oai.js';
import { oaiError } from './oai-error.js';
import { checkDatestamp, oaiUrl } from './oai-request.js';
import { type OaiListPage, type OaiListedRecord, type OaiResponse, listPage } from './oai-response.js';

/** The metadata formats kitap harvests: both carry MARCXML (MARC21 slim) records. */
export type OaiMetadataPrefix = 'marc21' | 'marcxml';

/** Progress after each page, for a progress bar. */
export interface OaiPageProgress {
  /** Items yielded so far (over every run of a resumed harvest). */
  count: number;
  /** The list's size, when the repository says it (`completeListSize`). */
  completeListSize: number | undefined;
  /** The token of the next page; undefined after the last page. */
  token: string | undefined;
}

/** What to harvest from an OAI-PMH repository, and how. */
export interface OaiHarvestOptions extends HttpOptions {
  /** The repository's base URL (without `verb`). */
  url: string;
  metadataPrefix: OaiMetadataPrefix;
  set?: string;
  /** Records changed on or after this date (`YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`, UTC). */
  from?: string;
  /** Records changed on or before this date. */
  until?: string;
  /** Continue the list from this resumption token (wins over a saved one). */
  resumeFrom?: string;
  /** Items yielded before `resumeFrom` (default: the saved count, else 0); keeps counts and places right. */
  resumeCount?: number;
  /** Where the position is saved after each page (a HarvestStateFile), and loaded from on a restart. */
  state?: HarvestCheckpoint;
  /** Told after each page. */
  onPage?: (progress: OaiPageProgress) => void;
}

/** The items of one OAI record: a deleted record, or what its metadata holds (records or rejects), each with the header. */
async function itemsOf(record: OaiListedRecord, response: OaiResponse, index: number): Promise<OaiItem[]> {
  const { header } = record;
  if (record.deleted) return [{ kind: 'deleted', ...header }];
  const where = { url: response.url, index, ...(header.identifier !== '' ? { recordId: header.identifier } : {}) };
  if (record.metadata === undefined || record.metadata.trim() === '') {
    return [{ ...embeddedReject('E_XML', 'The OAI record has no metadata, and its header does not say it is deleted.', where, ''), header }];
  }
  const items = await readEmbeddedMarc(record.metadata, response.declarations, where, response.damaged);
  return items.map((item) => ({ ...item, header }));
}

/**
 * Harvests an OAI-PMH repository with ListRecords: an async iterable of MARC
 * records, rejects and deleted records, page after page by `resumptionToken`.
 *
 * - `noRecordsMatch` is an empty harvest, not an error — in answer to the
 *   first request; to a resumption token it is `E_HARVEST_RESPONSE`.
 * - A resumption token given back (the same again, or one of an earlier
 *   page), and a page cut off by the connection, are `E_HARVEST_RESPONSE`.
 * - `badResumptionToken` (tokens expire, servers restart): the page is asked
 *   again with the same token — the last saved one — once; a second refusal
 *   is `E_OAI_BAD_RESUMPTION_TOKEN`, saying how to go on.
 * - Any other OAI error is `E_OAI_ERROR` naming the code and the message.
 * - Timeouts, dropped connections, 429, 503 with `Retry-After` and other 5xx
 *   are retried by the HTTP layer (see HttpOptions).
 * - With `state`, the position is saved after each page the consumer has
 *   taken whole, and a restart with the same state continues after it; no
 *   item of a saved page is yielded again (see HarvestCheckpoint).
 */
export async function* harvestOai(options: OaiHarvestOptions): AsyncGenerator<OaiItem, void, undefined> {
  if (options.from !== undefined) checkDatestamp('from', options.from);
  if (options.until !== undefined) checkDatestamp('until', options.until);
  const saved = options.state?.load?.();
  if (options.resumeFrom === undefined && saved?.finished) return;
  let token = options.resumeFrom ?? saved?.token;
  let count = options.resumeCount ?? saved?.count ?? 0;
  let retried = false;
  /** Every resumption token the repository gave in this run: one given again would make the list go round forever. */
  const given = new Set<string>();
  for (;;) {
    const url =
      token === undefined
        ? oaiUrl(options.url, 'ListRecords', { metadataPrefix: options.metadataPrefix, set: options.set, from: options.from, until: options.until })
        : oaiUrl(options.url, 'ListRecords', { resumptionToken: token });
    const response = await fetchOai(url, options);
    if (response.errors.length > 0) {
      const codes = new Set(response.errors.map((e) => e.code));
      if (codes.has('noRecordsMatch') && token !== undefined) {
        // noRecordsMatch answers the first request only: to a resumption token it cuts the list short.
        throw harvestError(
          'E_HARVEST_RESPONSE',
          `${response.url}: the repository answered noRecordsMatch to the resumption token ${JSON.stringify(token)} after ${count} items: a list it had begun cannot be empty. Run the harvest again later; it continues from that token.`,
        );
      }
      if (codes.has('noRecordsMatch')) {
        await options.state?.save(undefined, count);
        options.onPage?.({ count, completeListSize: 0, token: undefined });
        return;
      }
      if (codes.has('badResumptionToken') && token !== undefined) {
        if (!retried) {
          retried = true;
          continue;
        }
        const said = response.errors.find((e) => e.code === 'badResumptionToken')?.message;
        throw harvestError(
          'E_OAI_BAD_RESUMPTION_TOKEN',
          `The repository refused the resumption token ${JSON.stringify(token)} twice (badResumptionToken${said ? `: ${said}` : ''}), after ${count} items. ` +
            'Tokens expire, and a repository that restarted forgets them: the list cannot be continued from this token. ' +
            'Harvest again from the start (remove the state file), or harvest only what changed with --from set to the date of the last complete harvest.',
          { file: response.url },
        );
      }
      throw oaiError(response.errors, response.url);
    }
    retried = false;
    const page: OaiListPage = listPage(response, 'ListRecords');
    for (const record of page.records) {
      for (const item of await itemsOf(record, response, count)) {
        yield item;
        count++;
      }
    }
    if (page.token !== undefined && page.token === token) {
      throw harvestError('E_HARVEST_RESPONSE', `${response.url}: the repository gave the same resumption token back; the list would never end.`);
    }
    if (page.token !== undefined && given.has(page.token)) {
      throw harvestError('E_HARVEST_RESPONSE', `${response.url}: the repository gave back the resumption token ${JSON.stringify(page.token)} of an earlier page (after ${count} items); the list would go round forever.`);
    }
    if (page.token !== undefined) given.add(page.token);
    token = page.token;
    await options.state?.save(token, count);
    options.onPage?.({ count, completeListSize: page.completeListSize, token });
    if (token === undefined) return;
  }
}
