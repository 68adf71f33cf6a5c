import { KitapError } from '@kitap/core';
import type { ReadItem } from '@kitap/marc';
import { harvestError } from '../harvest-error.js';
import { type HttpOptions, fetchPage } from '../http/fetch-page.js';
import type { HarvestCheckpoint } from '../state/harvest-checkpoint.js';
import { embeddedReject, readEmbeddedMarc } from '../xml/embedded-marc.js';
import { type SruDiagnostic, describeDiagnostic, sruDiagnosticError } from './sru-diagnostic.js';
import { type SruVersion, sruUrl } from './sru-request.js';
import { type SruPage, type SruRecord, isSurrogateDiagnostic, parseSruResponse, surrogateDiagnostic } from './sru-response.js';

/** Progress after each page, for a progress bar. */
export interface SruPageProgress {
  /** Items yielded so far (over every run of a resumed harvest). */
  count: number;
  /** The number of hits the server reports. */
  numberOfRecords: number | undefined;
  /** The `startRecord` of the next page; undefined after the last page. */
  next: number | undefined;
}

/** What to search on an SRU server, and how. */
export interface SruHarvestOptions extends HttpOptions {
  /** The server's base URL (without searchRetrieve parameters). */
  url: string;
  /** The CQL query: `title="Абай жолы"`, `dc.creator=Әуезов and dc.date=1987`. */
  query: string;
  version: SruVersion;
  /** Page size asked for; the server may send fewer. */
  maximumRecords: number;
  recordSchema: 'marcxml';
  /** 1-based position of the first record (default 1). */
  startRecord?: number;
  /** Extra request parameters the server wants (an API key …). */
  params?: Record<string, string>;
  /** Where the position is saved after each page (the next startRecord as the token), and loaded from on a restart. */
  state?: HarvestCheckpoint;
  /** Told after each page. */
  onPage?: (progress: SruPageProgress) => void;
  /** Told of diagnostics a server sends along with records (non-fatal ones); without it they are ignored. */
  onDiagnostic?: (diagnostic: SruDiagnostic, description: string) => void;
}

async function itemsOf(record: SruRecord, page: SruPage, index: number): Promise<ReadItem[]> {
  const where = { url: page.url, index };
  if (isSurrogateDiagnostic(record)) {
    const d = surrogateDiagnostic(record);
    return [embeddedReject('E_SRU_DIAGNOSTIC', `The server sent a diagnostic instead of the record at position ${record.position ?? index + 1}: ${describeDiagnostic(d)}.`, where, record.data ?? '')];
  }
  if (record.data === undefined || record.data.trim() === '') return [embeddedReject('E_XML', 'The SRU record has no recordData.', where, '')];
  return readEmbeddedMarc(record.data, page.declarations, where, page.damaged);
}

function startFrom(options: SruHarvestOptions): { position: number; count: number; finished: boolean } {
  const saved = options.state?.load?.();
  const first = options.startRecord ?? 1;
  if (!Number.isInteger(first) || first < 1) throw new KitapError('E_USAGE', `startRecord must be a whole number from 1 on, not ${first}.`);
  if (saved === undefined) return { position: first, count: 0, finished: false };
  if (saved.finished) return { position: first, count: saved.count, finished: true };
  const position = saved.token !== undefined && /^\d+$/.test(saved.token) ? Number(saved.token) : NaN;
  if (!(position >= 1)) throw harvestError('E_HARVEST_STATE', `The saved SRU position ${JSON.stringify(saved.token)} is not a record position.`);
  return { position, count: saved.count, finished: false };
}

/**
 * Searches an SRU server (searchRetrieve, 1.2 or 2.0) and yields the MARC
 * records of every hit, page after page with `startRecord` and
 * `maximumRecords` (following `nextRecordPosition`). Records are read with the
 * MARCXML reader; one that cannot be read is a reject, and so is a surrogate
 * diagnostic standing in for a record.
 *
 * A response with diagnostics and no records (a bad query, an unknown
 * index or schema …) is `E_SRU_DIAGNOSTIC` naming each diagnostic's URI,
 * meaning and message. Timeouts, dropped connections, 429 and 5xx are retried
 * (see HttpOptions). With `state`, the next position is saved after each
 * page the consumer has taken whole, and a restart continues from it.
 */
export async function* harvestSru(options: SruHarvestOptions): AsyncGenerator<ReadItem, void, undefined> {
  if (!Number.isInteger(options.maximumRecords) || options.maximumRecords < 1) {
    throw new KitapError('E_USAGE', `maximumRecords must be a whole number from 1 on, not ${options.maximumRecords}.`);
  }
  let { position, count, finished } = startFrom(options);
  if (finished) return;
  for (;;) {
    const url = sruUrl(options.url, { version: options.version, query: options.query, startRecord: position, maximumRecords: options.maximumRecords, recordSchema: options.recordSchema, params: options.params });
    const page = parseSruResponse(await fetchPage(url, options));
    if (page.diagnostics.length > 0 && page.records.length === 0) throw sruDiagnosticError(page.diagnostics, page.url);
    for (const d of page.diagnostics) options.onDiagnostic?.(d, describeDiagnostic(d));
    let next: number | undefined;
    if (page.records.length === 0 && page.numberOfRecords !== undefined && position <= page.numberOfRecords && position > (options.startRecord ?? 1)) {
      // The server said how many hits there are, and this page comes before the end: it cannot be empty.
      throw harvestError(
        'E_HARVEST_RESPONSE',
        `${page.url}: the server reports ${page.numberOfRecords} hits but sent no record from position ${position} on (after ${count} items): the search result was cut short. Run the harvest again; it continues from position ${position}.`,
      );
    }
    if (page.records.length > 0) {
      for (const record of page.records) {
        for (const item of await itemsOf(record, page, count)) {
          yield item;
          count++;
        }
      }
      next = page.nextRecordPosition;
      // A server that leaves nextRecordPosition out: go on while the hit count says there is more.
      if (next === undefined && page.numberOfRecords !== undefined && position + page.records.length <= page.numberOfRecords) next = position + page.records.length;
      if (next !== undefined && next <= position) {
        throw harvestError('E_HARVEST_RESPONSE', `${page.url}: nextRecordPosition ${next} does not move past startRecord ${position}; the search would never end.`);
      }
    }
    await options.state?.save(next === undefined ? undefined : String(next), count);
    options.onPage?.({ count, numberOfRecords: page.numberOfRecords, next });
    if (next === undefined) return;
    position = next;
  }
}
