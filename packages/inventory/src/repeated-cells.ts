/**
 * XML rows that give a read column more than one value. The XML reader
 * numbers an element repeated under one parent (`Инв`, `Инв[2]`, see
 * docs/inventory-formats.md), but a column is read from one name only: a
 * second, different value of the same element would be dropped without a
 * word. Such a row is an error row (E_ROW_PARSE) instead.
 */
import type { ColumnId } from './columns.js';

/** A read column and the indexes of the numbered repeats of its name. */
interface Repeats {
  column: ColumnId;
  name: string;
  index: number;
  others: number[];
}

/** The name without its repeat numbers: `Товары.Строка[2].Инв[3]` → `Товары.Строка.Инв`. */
function unnumbered(name: string): string {
  return name.replace(/\[\d+\]/g, '');
}

/** Finds rows whose read columns repeat with another value; see the file comment. */
export class RepeatedCells {
  private seen = -1;
  private repeats: Repeats[] = [];

  /**
   * `names` is the table's column list (it grows while an XML file is read),
   * `header` the list the columns were resolved against, `columns` the read ones.
   */
  constructor(
    private readonly names: readonly string[],
    private readonly header: readonly string[],
    private readonly columns: Partial<Record<ColumnId, number>>,
  ) {}

  /** Why the row cannot be read (a read column with two values), or undefined. */
  conflict(cells: readonly string[]): string | undefined {
    if (this.seen !== this.names.length) this.index();
    for (const r of this.repeats) {
      const first = (cells[r.index] ?? '').trim();
      const values = [first];
      for (const i of r.others) {
        const v = (cells[i] ?? '').trim();
        if (v !== '' && v !== first) values.push(v);
      }
      if (values.length > 1) {
        return `the element <${r.name}> (column ${r.column}) occurs more than once in the row with different values (${values.map((v) => JSON.stringify(v)).join(', ')}); a column holds one value`;
      }
    }
    return undefined;
  }

  private index(): void {
    this.seen = this.names.length;
    this.repeats = [];
    for (const [column, index] of Object.entries(this.columns) as [ColumnId, number][]) {
      const name = this.header[index];
      if (name === undefined) continue;
      const others: number[] = [];
      this.names.forEach((n, i) => {
        if (i !== index && n !== name && unnumbered(n) === name) others.push(i);
      });
      if (others.length > 0) this.repeats.push({ column, name, index, others });
    }
  }
}
