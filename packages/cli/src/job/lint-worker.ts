import { workerData } from 'node:worker_threads';
import { Linter } from '@kitap/clean';
import { transferList } from '@kitap/store';
import type { CleanWorkerSetup } from './clean-worker-setup.js';
import { serveFrames } from './frame-worker.js';
import { type LintAnswer, LintBatch } from './lint-batch.js';
import { rulesFromSettings } from './rule-settings.js';

// A worker of `kitap lint`: lints the records of each batch of frames it is sent.
const setup = workerData as CleanWorkerSetup;
const { profile, rules } = rulesFromSettings(setup.rules);
const linter = new Linter(rules, profile.flavour);
const batch = new LintBatch(linter);
serveFrames<LintAnswer>(setup.read, (frames) => ({
  record: (record, slot) => batch.record(record, frames.ordinals[slot]!, slot),
  end: () => {
    const answer = batch.take();
    return { answer, transfer: answer.index ? transferList(answer.index) : [] };
  },
}));
