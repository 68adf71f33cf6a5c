/**
 * Where an act's own data is written in its file, for findings to point at:
 * the row of a form's «АКТ № … от …» title, and the rows that state the
 * totals («Всего исключено 3 экз. на сумму 4 150,00 тенге.», or the first row
 * of a flat table giving `stated_copies` / `stated_sum`). The act model holds
 * only its lines, so the readers note these rows here, beside the act
 * object; an act built some other way has none, and findings then point at
 * its first line.
 */
import type { Act } from './act.js';

/** The rows of an act's header that findings may point at (1-based lines or sheet rows). */
export interface ActHeaderLines {
  /** The row naming the act's number and date. */
  title?: number;
  /** The row stating the number of copies. */
  statedCopies?: number;
  /** The row stating the total sum. */
  statedSum?: number;
}

const HEADER_LINES = new WeakMap<Act, ActHeaderLines>();

/** Notes header rows of an act (merged with what is already noted). */
export function noteActHeaderLines(act: Act, lines: ActHeaderLines): void {
  HEADER_LINES.set(act, { ...HEADER_LINES.get(act), ...lines });
}

/** The header row of `which` for an act, else its first line, else none. */
export function actHeaderLine(act: Act, which: keyof ActHeaderLines): number | undefined {
  return HEADER_LINES.get(act)?.[which] ?? act.lines[0]?.line;
}
