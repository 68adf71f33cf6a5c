import type { ByteSink, Finding } from '@kitap/core';
import { stringify } from 'csv-stringify/sync';
import { FINDING_COLUMNS, findingRow } from './finding-row.js';
import type { FindingReporter } from './reporter.js';

/** One row per finding, UTF-8 with a byte-order mark so Excel shows Cyrillic correctly. */
export class CsvReporter implements FindingReporter {
  #started = false;

  constructor(private readonly sink: ByteSink) {}

  async #start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.sink.write('\ufeff' + stringify([FINDING_COLUMNS.map((c) => c.header)]));
  }

  async add(finding: Finding): Promise<void> {
    await this.#start();
    const row = findingRow(finding);
    await this.sink.write(stringify([FINDING_COLUMNS.map((c) => row[c.key])]));
  }

  async close(): Promise<void> {
    await this.#start();
    await this.sink.close();
  }

  async abort(): Promise<void> {
    await this.sink.abort();
  }
}
