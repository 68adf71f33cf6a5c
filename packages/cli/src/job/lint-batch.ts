import type { Finding } from '@kitap/core';
import type { Linter } from '@kitap/clean';
import type { MarcRecord } from '@kitap/marc';
import { IndexBatch, type PreparedBatch } from '@kitap/store';

/** What linting a batch of records gives: the findings of each record in turn, and the records' share of the key index. */
export interface LintAnswer {
  findings: Finding[];
  /** The slot of the record each finding belongs to (ascending). */
  findingSlots: number[];
  index: PreparedBatch | undefined;
}

/**
 * Lints records one after another (in a worker thread, or in this one): the
 * record rules' findings, and the keys and words the cross-record rules need,
 * kept under the record's ordinal for the key index.
 */
export class LintBatch {
  #findings: Finding[] = [];
  #findingSlots: number[] = [];
  readonly #index: IndexBatch | undefined;

  constructor(private readonly linter: Linter) {
    this.#index = linter.hasCrossRecordRules ? new IndexBatch() : undefined;
  }

  /** Lints one record: its findings now, its keys and words for the index later. */
  lint(record: MarcRecord, ordinal: number): Finding[] {
    const flavour = this.linter.flavourOf(record);
    const findings = this.linter.lint(record, flavour);
    if (this.#index) {
      const data = this.linter.crossRecordData(record, flavour);
      if (data) this.#index.record(ordinal, data.place, data.keys, data.words);
    }
    return findings;
  }

  /** Lints one record into the answer; `slot` tells its findings apart there. */
  record(record: MarcRecord, ordinal: number, slot: number): void {
    for (const finding of this.lint(record, ordinal)) {
      this.#findings.push(finding);
      this.#findingSlots.push(slot);
    }
  }

  /** Records whose keys and words wait for the index. */
  get indexed(): number {
    return this.#index?.size ?? 0;
  }

  /** The keys and words waiting for the index (none when the rules have no cross-record rule). */
  takeIndex(): PreparedBatch | undefined {
    return this.#index?.take();
  }

  /** The answer so far; the batch starts again. */
  take(): LintAnswer {
    const answer: LintAnswer = { findings: this.#findings, findingSlots: this.#findingSlots, index: this.takeIndex() };
    this.#findings = [];
    this.#findingSlots = [];
    return answer;
  }
}
