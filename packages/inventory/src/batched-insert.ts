import type { Database } from '@kitap/store';

type Statement = ReturnType<Database['prepare']>;

/** Rows per multi-row INSERT statement. */
const ROWS_PER_STATEMENT = 128;

/**
 * An INSERT of many rows: values are queued and written by one multi-row
 * statement per ROWS_PER_STATEMENT rows (each call into SQLite costs about
 * as much as the insert itself), the rest one row at a time by `flush`. Rows
 * are inserted in the order they were added. Only for tables that nothing
 * reads before the next `flush` (it must run before the transaction ends).
 */
export class BatchedInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly width: number;
  private queued: unknown[] = [];

  constructor(db: Database, table: string, columns: readonly string[]) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table}(${columns.join(', ')}) VALUES `;
    this.many = db.prepare(head + new Array(ROWS_PER_STATEMENT).fill(row).join(', '));
    this.one = db.prepare(head + row);
    this.width = columns.length;
  }

  /** Queues one row: its values in the order of the columns. */
  add(...values: unknown[]): void {
    for (const v of values) this.queued.push(v);
    if (this.queued.length === this.width * ROWS_PER_STATEMENT) {
      this.many.run(this.queued);
      this.queued = [];
    }
  }

  /** Writes every queued row. */
  flush(): void {
    for (let i = 0; i < this.queued.length; i += this.width) this.one.run(this.queued.slice(i, i + this.width));
    this.queued = [];
  }
}
