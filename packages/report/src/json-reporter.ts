import type { ByteSink, Finding } from '@kitap/core';
import type { FindingReporter } from './reporter.js';
import type { FindingSummary } from './summary.js';

/** `{"findings": [...], "summary": {...}}`, streamed: one finding per line inside the array. */
export class JsonReporter implements FindingReporter {
  #first = true;

  constructor(private readonly sink: ByteSink) {}

  async add(finding: Finding): Promise<void> {
    await this.sink.write((this.#first ? '{"findings":[\n' : ',\n') + JSON.stringify(finding));
    this.#first = false;
  }

  async close(summary: FindingSummary): Promise<void> {
    const { rules, ...totals } = summary;
    const byRule = rules.map(({ examples: _examples, ...r }) => r);
    await this.sink.write((this.#first ? '{"findings":[' : '\n') + '],\n"summary":' + JSON.stringify({ ...totals, rules: byRule }, null, 1) + '}\n');
    await this.sink.close();
  }

  async abort(): Promise<void> {
    await this.sink.abort();
  }
}
