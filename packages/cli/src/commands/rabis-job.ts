import { existsSync } from 'node:fs';
import { AtomicFile, KitapError, formatPlace } from '@kitap/core';
import { RabisClient, deliver, formatDeliveryLedger, loadRabisConfig, verify } from '@kitap/rabis';
import type { Io } from '../io.js';

export interface RabisCliOptions {
  input: string;
  url?: string;
  config?: string;
  log?: string;
  retryFailed?: boolean;
}

function client(options: { url?: string | undefined; config?: string | undefined }, io: Io): RabisClient {
  const config = loadRabisConfig({ ...(options.config ? { file: options.config } : {}), ...(options.url ? { overrides: { url: options.url } } : {}) });
  // The client redacts credentials from everything it logs; debug lines are left out.
  return new RabisClient(config, { logger: { log: (level, message) => (level === 'debug' ? undefined : io.err(`${level}: ${message}`)) } });
}

/** A progress line on a terminal: counts, rate and ETA. */
function progress(label: string): (done: number, total: number) => void {
  const started = Date.now();
  const tty = Boolean(process.stderr.isTTY) && !process.env.KITAP_NO_PROGRESS;
  let last = 0;
  return (done, total) => {
    if (!tty || Date.now() - last < 250) return;
    last = Date.now();
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    process.stderr.write(`\r${label}: ${done}/${total} (${Math.round(rate)}/s, ETA ${eta} s)\x1b[K`);
    if (done >= total) process.stderr.write('\n');
  };
}

export async function runPush(options: RabisCliOptions, io: Io): Promise<number> {
  if (!existsSync(options.input)) throw new KitapError('E_INPUT', 'cannot open the file: no such file', { file: options.input });
  const rabis = client(options, io);
  const show = progress('delivering');
  try {
    const report = await deliver(options.input, {
      client: rabis,
      logPath: options.log ?? `${options.input}.delivery.sqlite`,
      ...(options.retryFailed ? { retryFailed: true } : {}),
      onProgress: (p) => show(p.confirmed + p.failed, p.total),
    });
    for (const line of formatDeliveryLedger(report.ledger)) io.err(line);
    for (const f of report.failures.slice(0, 20)) io.err(`failed: line ${f.line}: ${f.reason}`);
    if (report.failures.length > 20) io.err(`… ${report.failures.length - 20} more failures in the delivery log ${report.log}`);
    if (report.stopped) io.err(`stopped: ${report.stopped.code}: ${report.stopped.message}; run the same command again to resume`);
    return report.failures.length > 0 || report.stopped ? 1 : 0;
  } finally {
    await rabis.close();
  }
}

export async function runVerify(options: RabisCliOptions, io: Io): Promise<number> {
  if (!existsSync(options.input)) throw new KitapError('E_INPUT', 'cannot open the file: no such file', { file: options.input });
  const rabis = client(options, io);
  try {
    const log = options.log ?? (existsSync(`${options.input}.delivery.sqlite`) ? `${options.input}.delivery.sqlite` : undefined);
    const report = await verify(options.input, { client: rabis, ...(log ? { logPath: log } : {}) });
    for (const f of report.findings) await io.out(`${formatPlace(f.place)}: ${f.severity} ${f.ruleId}: ${f.message}\n`);
    io.err(`copies checked: ${JSON.stringify(report.counts)}`);
    return report.findings.length > 0 ? 1 : 0;
  } finally {
    await rabis.close();
  }
}

export async function runPull(options: { url?: string; config?: string; departments?: boolean; query?: string; out: string }, io: Io): Promise<number> {
  if (!options.departments === !options.query) throw new KitapError('E_USAGE', 'give either --departments or --query <text>');
  const rabis = client(options, io);
  const file = new AtomicFile(options.out);
  let n = 0;
  try {
    if (options.departments) {
      for (const d of await rabis.departments()) {
        await file.write(`${JSON.stringify(d)}\n`);
        n++;
      }
    } else {
      for await (const record of rabis.search(options.query!)) {
        await file.write(`${JSON.stringify(record)}\n`);
        n++;
      }
    }
    await file.close();
  } catch (error) {
    await file.abort();
    throw error;
  } finally {
    await rabis.close();
  }
  io.err(`wrote ${n} ${options.departments ? 'departments' : 'records'} to ${options.out}`);
  return 0;
}
