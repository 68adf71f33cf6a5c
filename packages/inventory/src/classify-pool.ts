import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BranchDirectoryJson, InventoryNumberOptions } from '@kitap/holdings';
import type { RowContext } from './classify-row.js';
import { type LabelledRow, type PreparedRow, prepareRow } from './prepare-row.js';

/** What a worker needs to classify rows as this thread would: plain data only. */
export interface ClassifyContextData {
  columns: RowContext['columns'];
  branches: BranchDirectoryJson;
  inventoryNumbers: InventoryNumberOptions;
  totals: string[];
  defaults: RowContext['defaults'];
}

/** The context as data for a worker. */
export function contextData(ctx: RowContext): ClassifyContextData {
  return {
    columns: ctx.columns,
    branches: { name: ctx.branches.name, branches: [...ctx.branches.branches] } as BranchDirectoryJson,
    inventoryNumbers: ctx.inventoryNumbers,
    totals: ctx.totals.map((re) => re.source),
    defaults: ctx.defaults,
  };
}

// The compiled worker beside this module. Tests run the TypeScript sources, where no worker
// script exists: there (and on a one-core machine) rows are classified in this thread.
const WORKER = new URL('./classify-worker.js', import.meta.url);

/**
 * Classifies batches of rows in worker threads, one batch per worker at a
 * time, answers in the order asked. With no worker script (tests on the
 * sources) or one core, it classifies in this thread.
 */
export class ClassifyPool {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (rows: PreparedRow[]) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  private constructor(
    private readonly workers: Worker[],
    private readonly ctx: RowContext,
  ) {
    for (const worker of workers) {
      worker.on('message', (message: { id: number; rows?: PreparedRow[]; error?: string }) => {
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.rows!);
      });
      worker.on('error', (error) => {
        this.failure = error;
        for (const w of this.waiting.values()) w.reject(error);
        this.waiting.clear();
      });
    }
  }

  /**
   * Workers only when asked for (`KITAP_WORKERS=<n>`): measured on the 2-core machine the benchmarks
   * run on, handing rows to workers and back cost more than classifying them here, and each worker
   * holds its own heap. On more cores they may pay; measure before turning them on.
   */
  static start(ctx: RowContext): ClassifyPool {
    const count = Math.min(Number(process.env.KITAP_WORKERS ?? 0) || 0, availableParallelism());
    const compiled = WORKER.pathname.endsWith('.js') && !import.meta.url.endsWith('.ts');
    if (!compiled || count < 1) return new ClassifyPool([], ctx);
    const workerData = contextData(ctx);
    const workers = Array.from({ length: count }, () => new Worker(fileURLToPath(WORKER), { workerData }));
    return new ClassifyPool(workers, ctx);
  }

  /** How many batches may be in flight before the caller waits for the oldest. */
  get depth(): number {
    return Math.max(1, this.workers.length * 2);
  }

  prepare(rows: LabelledRow[]): Promise<PreparedRow[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.workers.length === 0) return Promise.resolve(rows.map((r) => prepareRow(r, this.ctx)));
    const id = this.next++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, rows });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
