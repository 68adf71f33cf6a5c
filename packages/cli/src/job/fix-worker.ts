import { workerData } from 'node:worker_threads';
import { Linter } from '@kitap/clean';
import { type FixedRecord, fixToSend } from './fix-batch.js';
import type { CleanWorkerSetup } from './clean-worker-setup.js';
import { serveFrames } from './frame-worker.js';
import { rulesFromSettings } from './rule-settings.js';

// A worker of `kitap fix`: fixes the records of each batch of frames it is sent.
const setup = workerData as CleanWorkerSetup;
const { profile, rules } = rulesFromSettings(setup.rules);
const linter = new Linter(rules, profile.flavour);
serveFrames<FixedRecord[]>(setup.read, () => {
  const fixed: FixedRecord[] = [];
  return {
    record: (record, slot) => void (fixed[slot] = fixToSend(linter, record)),
    end: () => ({ answer: fixed }),
  };
});
