import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerCount } from '@kitap/core';
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
  record: RowContext['record'];
}

/** The context as data for a worker. */
export function contextData(ctx: RowContext): ClassifyContextData {
  return {
    columns: ctx.columns,
    branches: { name: ctx.branches.name, branches: [...ctx.branches.branches] } as BranchDirectoryJson,
    inventoryNumbers: ctx.inventoryNumbers,
    totals: ctx.totals.map((re) => re.source),
    defaults: ctx.defaults,
    record: ctx.record,
  };
}

// The compiled worker beside this module. Tests run the TypeScript sources, where no worker
// script exists: there (and on a one-core machine) rows are classified in this thread.
const WORKER = new URL('./classify-worker.js', import.meta.url);

/**
 * Classifies batches of rows in worker threads, one batch per worker at a
 * time, answers in the order asked. With no worker script (tests on the
 * sources) or one core, it classifies in this thread. A worker that fails
 * (it ran out of memory, or exited) is given up: the batches it held, and all
 * later ones, are classified in this thread — the same rows come out, so the
 * run goes on with the same bytes, and `fallback` says why.
 */
export class ClassifyPool {
  private next = 0;
  private readonly waiting = new Map<number, { rows: LabelledRow[]; resolve: (rows: PreparedRow[]) => void; reject: (error: Error) => void }>();
  private workers: Worker[];
  /** Why the workers were given up, when they were. */
  fallback: string | undefined;

  private constructor(
    workers: Worker[],
    private readonly ctx: RowContext,
  ) {
    this.workers = workers;
    for (const worker of workers) {
      worker.on('message', (message: { id: number; rows?: PreparedRow[]; error?: string }) => {
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.rows!);
      });
      worker.on('error', (error) => this.giveUp(`a classifying worker failed (${error.message})`));
      worker.on('exit', (code) => {
        if (this.workers.includes(worker)) this.giveUp(`a classifying worker stopped (exit code ${code})`);
      });
    }
  }

  /** Stops using workers: what they hold is classified here. */
  private giveUp(reason: string): void {
    if (this.workers.length === 0) return;
    this.fallback = reason;
    const workers = this.workers;
    this.workers = [];
    for (const w of workers) void w.terminate();
    for (const [id, waiter] of [...this.waiting].sort(([x], [y]) => x - y)) {
      this.waiting.delete(id);
      try {
        waiter.resolve(this.inLine(waiter.rows));
      } catch (error) {
        waiter.reject(error as Error);
      }
    }
  }

  private inLine(rows: LabelledRow[]): PreparedRow[] {
    return rows.map((r) => prepareRow(r, this.ctx));
  }

  /**
   * How many workers: `KITAP_WORKERS=<n>` when given; otherwise one when the
   * machine has a second core that is idle, else none. Measured on the 2-core
   * machine the benchmarks run on (500,000 rows): one worker takes the
   * classification (~21 s of CPU) off the main thread (52 → 40 s), which then
   * only reads the file and commits, so the read stage takes about as long as
   * the worker alone; in all, handing rows over and back costs ~20 % more CPU,
   * which pays only when the worker has a core of its own. Two workers beside
   * the main thread are no faster on two cores.
   */
  static start(ctx: RowContext): ClassifyPool {
    const compiled = WORKER.pathname.endsWith('.js') && !import.meta.url.endsWith('.ts');
    // One worker by default: two beside the main thread are no faster on two cores.
    const count = workerCount({ defaultMax: 1 });
    if (!compiled || count < 1) return new ClassifyPool([], ctx);
    const workerData = contextData(ctx);
    // A worker's heap is capped so that memory stays flat (uncapped, V8 let it grow to ~200 MB more at 500,000
    // rows). Exports with very long distinct titles can need more for the bounded caches: the worker then runs
    // out of memory, and its rows go to the main thread (see giveUp) with the same result.
    const resourceLimits = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 };
    const workers = Array.from({ length: count }, () => new Worker(fileURLToPath(WORKER), { workerData, resourceLimits }));
    return new ClassifyPool(workers, ctx);
  }

  /** How many batches may be in flight before the caller waits for the oldest. */
  get depth(): number {
    return Math.max(1, this.workers.length * 2);
  }

  prepare(rows: LabelledRow[]): Promise<PreparedRow[]> {
    if (this.workers.length === 0) {
      try {
        return Promise.resolve(this.inLine(rows));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const id = this.next++;
    const worker = this.workers[id % this.workers.length]!;
    // The raw text stays in this thread: classifying does not read it, and copying it over and back
    // would cost as much as the cells. The prepared rows get it back from the rows sent.
    const sent = rows.map(({ row, kind }) => ({
      row: { line: row.line, offset: row.offset, cells: row.cells, raw: '', error: row.error, warning: row.warning, deleted: row.deleted },
      kind,
    }));
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        rows,
        resolve: (prepared) => {
          prepared.forEach((p, i) => (p.raw = rows[i]!.row.raw));
          resolve(prepared);
        },
        reject,
      });
      worker.postMessage({ id, rows: sent });
    });
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
