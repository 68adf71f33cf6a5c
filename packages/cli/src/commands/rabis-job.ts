import { existsSync } from 'node:fs';
import { AtomicFile, KitapError, formatPlace } from '@kitap/core';
import { MAPPER_LAYOUTS, type MapperLayout } from '@kitap/holdings';
import { type DeliveryFormat, type DeliveryProgress, type LogFailure, RabisClient, deliver, detectDeliveryFormat, formatDeliveryLedger, loadRabisConfig, verify } from '@kitap/rabis';
import { type Io, ioSink } from '../io.js';
import { LazyRejectFile } from '../job/lazy-reject-file.js';
import type { StageDisplay } from '../job/stage-display.js';
import { rabisDisplay } from './rabis-display.js';

export interface RabisCliOptions {
  input: string;
  url?: string;
  config?: string;
  log?: string;
  retryFailed?: boolean;
}

/** `kitap rabis push` options. */
export interface RabisPushOptions extends RabisCliOptions {
  format?: DeliveryFormat;
  batchSize?: string;
  layout?: string;
  rejects?: string;
}

/** The client of the configured Web-RABIS; what it logs goes through the display, so it never runs into a progress bar. */
function client(options: { url?: string | undefined; config?: string | undefined }, display: StageDisplay): RabisClient {
  const config = loadRabisConfig({ ...(options.config ? { file: options.config } : {}), ...(options.url ? { overrides: { url: options.url } } : {}) });
  // The client redacts credentials from everything it logs; debug lines are left out.
  return new RabisClient(config, { logger: { log: (level, message) => (level === 'debug' ? undefined : display.log(`${level}: ${message}`)) } });
}

function mustExist(file: string): void {
  if (!existsSync(file)) throw new KitapError('E_INPUT', 'cannot open the file: no such file', { file });
}

/** Where a failed record is: its line (JSONL), or its record number and byte offset (ISO2709). */
function failurePlace(format: DeliveryFormat, failure: LogFailure): string {
  if (format === 'jsonl') return `line ${failure.line}`;
  return `record ${failure.line}${failure.offset === undefined ? '' : `, byte ${failure.offset}`}`;
}

/**
 * `kitap rabis push`: delivers web-rabis.jsonl or ISO2709 records, each
 * exactly once, with a progress bar over the records this run has to
 * deliver; ISO2709 records the reader refuses go to a reject file.
 */
export async function runPush(options: RabisPushOptions, io: Io, display: StageDisplay = rabisDisplay(io)): Promise<number> {
  mustExist(options.input);
  const format = options.format ?? (await detectDeliveryFormat(options.input));
  let batchSize: number | undefined;
  if (options.batchSize !== undefined) {
    batchSize = Number(options.batchSize);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new KitapError('E_USAGE', `--batch-size "${options.batchSize}" must be a whole number 1…10000`);
  }
  if (options.layout !== undefined && !(MAPPER_LAYOUTS as readonly string[]).includes(options.layout)) {
    throw new KitapError('E_USAGE', `--layout "${options.layout}" is not one of ${MAPPER_LAYOUTS.join(', ')}`);
  }
  if (options.layout !== undefined && format !== 'iso2709') throw new KitapError('E_USAGE', '--layout is for ISO2709 records (web-rabis.jsonl has its copies in inv[])');
  const rabis = client(options, display);
  const rejects = format === 'iso2709' ? new LazyRejectFile(options.rejects ?? `${options.input}.rejects.ndjson`) : undefined;
  let last: DeliveryProgress | undefined;
  try {
    const report = await deliver(options.input, {
      client: rabis,
      format,
      logPath: options.log ?? `${options.input}.delivery.sqlite`,
      ...(batchSize === undefined ? {} : { batchSize }),
      ...(options.retryFailed ? { retryFailed: true } : {}),
      ...(options.layout === undefined ? {} : { copyLayout: options.layout as MapperLayout }),
      ...(rejects === undefined ? {} : { onReject: (reject) => rejects.add(reject) }),
      onProgress: (p) => {
        if (last === undefined) display.start('delivering', 'records', p.toDeliver);
        last = p;
        display.update(p.answered);
      },
    });
    await rejects?.close();
    if (last !== undefined) {
      const resent = report.batches.resent > 0 ? `, ${report.batches.resent} of them sent again with their key` : '';
      display.finish('delivering', `${last.answered} of ${last.toDeliver} records answered in ${report.batches.sent} import requests${resent}`);
    }
    for (const line of formatDeliveryLedger(report.ledger)) io.err(line);
    if (report.duplicates > 0) io.err(`duplicates: ${report.duplicates} ${format === 'jsonl' ? 'lines repeat' : 'records repeat'} a record already in the file (same ${format === 'jsonl' ? 'canonical JSON' : 'bytes'}); it was sent once`);
    for (const f of report.failures.slice(0, 20)) io.err(`failed: ${failurePlace(format, f)}${f.controlNumber === undefined ? '' : ` (${f.controlNumber})`}: ${f.reason}`);
    if (report.failures.length > 20) io.err(`… ${report.failures.length - 20} more failures in the delivery log ${report.log}`);
    if (rejects !== undefined && rejects.count > 0) io.err(`${rejects.count} records the ISO2709 reader refused are in ${rejects.path}, with their place and bytes`);
    if (report.stopped) io.err(`stopped: ${report.stopped.code}: ${report.stopped.message}; run the same command again to resume`);
    return report.failures.length > 0 || report.stopped ? 1 : 0;
  } catch (error) {
    display.abort();
    await rejects?.abort();
    throw error;
  } finally {
    await rabis.close();
  }
}

/** `kitap rabis verify`: checks every copy of web-rabis.jsonl, with a progress bar over the copies to check. */
export async function runVerify(options: RabisCliOptions, io: Io, display: StageDisplay = rabisDisplay(io)): Promise<number> {
  mustExist(options.input);
  if ((await detectDeliveryFormat(options.input)) !== 'jsonl') {
    throw new KitapError('E_USAGE', 'verify reads web-rabis.jsonl: for records pushed as ISO2709, verify the web-rabis.jsonl that kitap inventory wrote beside records.mrc', { file: options.input });
  }
  const rabis = client(options, display);
  try {
    const log = options.log ?? (existsSync(`${options.input}.delivery.sqlite`) ? `${options.input}.delivery.sqlite` : undefined);
    const report = await verify(options.input, {
      client: rabis,
      ...(log ? { logPath: log } : {}),
      onStart: (totals) => display.start('verifying', 'copies', totals.copies),
      onProgress: (checked) => display.update(checked),
    });
    const c = report.counts;
    display.finish('verifying', `${c.ok} of ${c.copies} copies where they belong, ${c.missing} missing, ${c.wrong} misplaced`);
    for (const f of report.findings) await io.out(`${formatPlace(f.place)}: ${f.severity} ${f.ruleId}: ${f.message}\n`);
    io.err(`copies checked: ${JSON.stringify(report.counts)}`);
    return report.findings.length > 0 ? 1 : 0;
  } catch (error) {
    display.abort();
    throw error;
  } finally {
    await rabis.close();
  }
}

/** `kitap rabis pull`: the department dictionary, or the records of a search (with a bar once the search says how many it found). */
export async function runPull(
  options: { url?: string; config?: string; departments?: boolean; query?: string; out: string },
  io: Io,
  display: StageDisplay = rabisDisplay(io),
): Promise<number> {
  if (!options.departments === !options.query) throw new KitapError('E_USAGE', 'give either --departments or --query <text>');
  const rabis = client(options, display);
  // `-o -`: the JSON lines go to standard output (the messages stay on stderr).
  const file = options.out === '-' ? ioSink(io) : new AtomicFile(options.out);
  const what = options.departments ? 'departments' : 'records';
  let n = 0;
  let started = false;
  try {
    if (options.departments) {
      display.start('pulling', what, undefined);
      started = true;
      for (const d of await rabis.departments()) {
        await file.write(`${JSON.stringify(d)}\n`);
        display.update(++n);
      }
    } else {
      const onCount = (count: number) => {
        if (started) display.setTotal(count);
        else display.start('pulling', what, count);
        started = true;
      };
      for await (const record of rabis.search(options.query!, { onCount })) {
        await file.write(`${JSON.stringify(record)}\n`);
        display.update(++n);
      }
    }
    await file.close();
    if (started) display.finish('pulling', `${n} ${what}`);
  } catch (error) {
    display.abort();
    await file.abort();
    throw error;
  } finally {
    await rabis.close();
  }
  io.err(`wrote ${n} ${what} to ${options.out === '-' ? 'standard output' : options.out}`);
  return 0;
}
