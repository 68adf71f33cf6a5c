import { parentPort, workerData } from 'node:worker_threads';
import { BranchDirectory } from '@kitap/holdings';
import type { ClassifyContextData } from './classify-pool.js';
import type { RowContext } from './classify-row.js';
import { type LabelledRow, prepareRow } from './prepare-row.js';

// A worker of ClassifyPool: classifies the batches of rows it is sent, in order.
const data = workerData as ClassifyContextData;
const ctx: RowContext = {
  columns: data.columns,
  branches: BranchDirectory.fromJson(data.branches),
  inventoryNumbers: data.inventoryNumbers,
  totals: data.totals.map((source) => new RegExp(source, 'iu')),
  defaults: data.defaults,
  record: data.record,
};
// A test hook, not a user option: `KITAP_TEST_WORKER_DIES=<n>` ends this worker abruptly when batch n arrives,
// as running out of memory would, to prove that the pool classifies its rows in the main thread instead.
const diesAt = Number(process.env.KITAP_TEST_WORKER_DIES ?? Number.NaN);
let batches = 0;
parentPort!.on('message', (message: { id: number; rows: LabelledRow[] }) => {
  if (++batches === diesAt) process.exit(134);
  try {
    parentPort!.postMessage({ id: message.id, rows: message.rows.map((r) => prepareRow(r, ctx)) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
  }
});
