import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KitapError } from '@kitap/core';
import { type HttpOptions, type OaiItem, harvestOai, harvestSru } from '@kitap/harvest';
import { type ReadItem, encoderFor, outputFormatFromName } from '@kitap/marc';
import { HarvestOutput } from '../job/harvest-output.js';
import { lockFolder } from '../job/folder-lock.js';
import type { Io } from '../io.js';

export interface HarvestCliOptions {
  protocol: 'sru' | 'oai';
  url: string;
  out: string;
  timeout: string;
  retries: string;
  query?: string;
  sruVersion?: '1.2' | '2.0';
  page?: string;
  prefix?: 'marc21' | 'marcxml';
  set?: string;
  from?: string;
  until?: string;
}

function whole(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new KitapError('E_USAGE', `--${name} must be a whole number, not "${text}"`);
  return n;
}

/** `kitap harvest sru|oai`: records to an ISO2709 file, resumable page by page, with a ledger. */
export async function runHarvest(options: HarvestCliOptions, io: Io): Promise<number> {
  const http = { timeoutMs: whole('timeout', options.timeout), retry: { retries: whole('retries', options.retries), baseDelayMs: 200 } };
  const identity = JSON.stringify({ protocol: options.protocol, url: options.url, query: options.query, version: options.sruVersion, page: options.page, prefix: options.prefix, set: options.set, from: options.from, until: options.until });
  if (options.protocol === 'sru' && !options.query) throw new KitapError('E_USAGE', 'give --query <cql>');
  if (options.from !== undefined && options.until !== undefined && options.from.slice(0, 10) > options.until.slice(0, 10)) {
    throw new KitapError('E_USAGE', `--from ${options.from} is after --until ${options.until}: no record can be in between`);
  }
  const folder = dirname(resolve(options.out));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new KitapError('E_OUTPUT', `the folder of the output does not exist: ${folder}`, { file: options.out });
  // One harvest at a time into an output: two would append to the same files and state.
  const release = lockFolder(`${options.out}.harvest.lock`, 'kitap harvest', 'on this output');
  try {
    return await harvestInto(options, identity, http, io);
  } finally {
    release();
  }
}

async function harvestInto(options: HarvestCliOptions, identity: string, http: HttpOptions, io: Io): Promise<number> {
  const output = new HarvestOutput(options.out, identity);
  const resumed = output.load();
  // The writer follows the output's name (.mrc/.iso ISO2709, .xml MARCXML, .json MARC-in-JSON, .ndjson, .mrk);
  // a resumed harvest's records go on after those the output holds (JSON's commas, mnemonic text's blank lines).
  const encoder = encoderFor(outputFormatFromName(options.out) ?? 'iso2709', { recordsBefore: output.counts.records });
  if (resumed) io.err(`resuming the harvest after ${resumed.count} items${resumed.finished ? ' (it had finished)' : ''}`);
  // A state of an older kitap keeps each file's length but no digest: a byte changed by hand would go unseen.
  for (const file of output.unchecked) {
    io.err(`warning: the content of ${file} could not be checked: its harvest state was written by an older kitap, which kept only its length (the next checkpoint keeps a digest)`);
  }
  let items: AsyncIterable<ReadItem | OaiItem>;
  /** The list's size as the repository announced it (OAI-PMH completeListSize), and the items harvested. */
  let announced: number | undefined;
  let harvested = 0;
  if (options.protocol === 'sru') {
    items = harvestSru({ url: options.url, query: options.query!, version: options.sruVersion ?? '1.2', maximumRecords: whole('page', options.page ?? '50'), recordSchema: 'marcxml', state: output, ...http });
  } else {
    items = harvestOai({
      url: options.url,
      metadataPrefix: options.prefix ?? 'marc21',
      ...(options.set ? { set: options.set } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.until ? { until: options.until } : {}),
      state: output,
      onPage: (p) => {
        if (p.completeListSize !== undefined) announced = p.completeListSize;
        harvested = p.count;
      },
      ...http,
    });
  }
  const text = (chunk: Uint8Array | string): Uint8Array => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  if (!resumed && encoder.header) output.startWith(text(encoder.header));
  let index = resumed?.count ?? 0;
  try {
    for await (const item of items) {
      if (item.kind === 'deleted') output.addDeleted({ identifier: item.identifier, datestamp: item.datestamp });
      else if (item.kind === 'reject') output.addReject(item.reject);
      else {
        try {
          output.addRecord(text(encoder.encode(item.record, index++)));
        } catch (error) {
          if (!(error instanceof KitapError)) throw error;
          output.addReject({ code: error.code, message: error.message, place: item.record.place, raw: JSON.stringify(item.record.fields) });
        }
      }
    }
    if (encoder.footer) output.finish(text(encoder.footer));
  } finally {
    output.close();
  }
  const c = output.counts;
  if (announced !== undefined && announced > 0 && harvested < announced) {
    io.err(`warning: the repository announced ${announced} records (completeListSize) but the list ended after ${harvested}: records may be missing at the source`);
  }
  io.err(`harvested ${c.records + c.rejects + c.deleted} items = written ${c.records} + rejected ${c.rejects} + deleted at the source ${c.deleted} (balanced)`);
  io.err(`wrote ${options.out}${c.rejects ? `, ${options.out}.rejects.ndjson` : ''}${c.deleted ? `, ${options.out}.deleted.ndjson` : ''}`);
  return c.rejects > 0 ? 1 : 0;
}
