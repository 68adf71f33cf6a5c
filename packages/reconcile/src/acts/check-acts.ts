/**
 * The checks of acts that need no holdings (`kitap acts check`): the stated
 * totals against the lines, the same copy twice in one act, inventory
 * numbers that cannot be read, and act dates that are missing, impossible or
 * in the future.
 */
import type { Finding } from '@kitap/core';
import { formatMoney, isIsoDate, parseInventoryNumber, type BranchDirectory, type InventoryNumberOptions } from '@kitap/holdings';
import type { Act, ActLine } from './act.js';
import { actDateLabel, actFinding, actLabel } from './act-finding.js';
import { actHeaderLine, type ActHeaderLines } from './act-header-lines.js';

/** Options of `checkActs`. */
export interface CheckActsOptions {
  /** Acts dated after this ISO date are in the future; default: today (the machine's local date). */
  asOf?: string;
  /**
   * The date of the holdings the acts are checked against (`kitap reconcile`): an act dated after it
   * is no error — the holdings cannot show it yet — but a warning, ACT_AFTER_HOLDINGS.
   */
  holdingsAsOf?: string;
  /** The options the acts were read with, to say why a number is invalid; `branchPrefixes` defaults to 'strip'. */
  inventoryNumbers?: InventoryNumberOptions;
  /** The directory the acts were read with, for the same reason. */
  branches?: BranchDirectory;
}

/** Today as ISO YYYY-MM-DD in the machine's time zone. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A line's place. */
function placeOf(line: ActLine): { file: string; line: number } {
  return { file: line.file, line: line.line };
}

/** Where a finding about the act's header points: the row noted by the reader (title, stated totals), else the act's first line. */
function actPlace(act: Act, which: keyof ActHeaderLines): { file: string; line?: number } {
  const line = actHeaderLine(act, which);
  return line === undefined ? { file: act.file } : { file: act.file, line };
}

/** «3 copies», «1 copy». */
function copies(n: number): string {
  return `${n} ${n === 1 ? 'copy' : 'copies'}`;
}

/**
 * Checks every act on its own; findings come act by act (date, totals, then
 * the lines in order). ACT_DATE_INVALID (missing, impossible, after
 * `asOf`), ACT_TOTAL_MISMATCH (stated copies or stated sum ≠ the lines;
 * actual = lines, expected = stated; lines without a price count as 0 and
 * are named), INVENTORY_NUMBER_INVALID, and INVENTORY_NUMBER_DUPLICATE (the
 * second and later lines with one key; related = the first). Throws
 * RangeError when `asOf` is not an ISO date.
 */
export function checkActs(acts: readonly Act[], options: CheckActsOptions = {}): Finding[] {
  const asOf = options.asOf ?? today();
  if (!isIsoDate(asOf)) throw new RangeError(`checkActs: asOf must be an ISO date (YYYY-MM-DD), got "${asOf}"`);
  const inventoryNumbers: InventoryNumberOptions = { branchPrefixes: 'strip', ...options.inventoryNumbers };
  const findings: Finding[] = [];
  for (const act of acts) {
    const label = actLabel(act);
    checkDate(act, label, asOf, options.holdingsAsOf, findings);
    checkTotals(act, label, findings);
    const first = new Map<string, ActLine>();
    const seen = new Map<string, number>();
    for (const line of act.lines) {
      if (line.inventoryKey === undefined) {
        const parsed = parseInventoryNumber(line.inventoryNumber, inventoryNumbers, options.branches);
        const why = parsed.ok ? 'it was read with other options' : parsed.reason;
        const what = line.inventoryNumber.trim() === '' ? 'the line has no inventory number' : `the inventory number «${line.inventoryNumber}» cannot be read (${why})`;
        findings.push(
          actFinding('INVENTORY_NUMBER_INVALID', 'error', `${label}, line ${line.line}: ${what}; the line cannot be matched to a copy`, placeOf(line), {
            actual: line.inventoryNumber,
            expected: 'an inventory number such as 48213',
          }),
        );
        continue;
      }
      const key = line.inventoryKey;
      const earlier = first.get(key);
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (earlier === undefined) {
        first.set(key, line);
        continue;
      }
      const spellings = earlier.inventoryNumber === line.inventoryNumber ? `«${line.inventoryNumber}»` : `«${line.inventoryNumber}» (line ${line.line}) and «${earlier.inventoryNumber}» (line ${earlier.line})`;
      findings.push(
        actFinding('INVENTORY_NUMBER_DUPLICATE', 'error', `${label}: copy ${key} is listed ${count === 2 ? 'twice' : `${count} times`} — ${spellings}${earlier.inventoryNumber === line.inventoryNumber ? ` on lines ${earlier.line} and ${line.line}` : ''}`, placeOf(line), {
          actual: `${count} lines`,
          expected: '1 line',
          related: placeOf(earlier),
        }),
      );
    }
  }
  return findings;
}

/** ACT_DATE_INVALID: no date, a date not on the calendar, or a date after `asOf`. */
function checkDate(act: Act, label: string, asOf: string, holdingsAsOf: string | undefined, findings: Finding[]): void {
  const place = actPlace(act, 'title');
  if (act.date === '') {
    findings.push(actFinding('ACT_DATE_INVALID', 'error', `${label}: the act has no date`, place, { case: 'act-date-missing', actual: '', expected: 'a date such as 10.10.2023' }));
  } else if (!isIsoDate(act.date)) {
    findings.push(actFinding('ACT_DATE_INVALID', 'error', `${label}: «${act.date}» is not a real date`, place, { case: 'act-date-not-real', actual: act.date, expected: 'a date such as 10.10.2023' }));
  } else if (holdingsAsOf !== undefined && act.date > holdingsAsOf) {
    findings.push(actFinding('ACT_AFTER_HOLDINGS', 'warning', `${label}: the act is dated after the holdings (${actDateLabel(holdingsAsOf)}): they cannot show it yet, so its copies are not checked against them; it counts in its year's table`, place, { actual: act.date, expected: `on or before ${holdingsAsOf}` }));
  } else if (act.date > asOf) {
    findings.push(actFinding('ACT_DATE_INVALID', 'error', `${label}: the act is dated in the future (after ${actDateLabel(asOf)})`, place, { case: 'act-date-future', data: { latest: asOf }, actual: act.date, expected: `on or before ${asOf}` }));
  }
}

/** ACT_TOTAL_MISMATCH: the stated copies, and separately the stated sum, against the lines. */
function checkTotals(act: Act, label: string, findings: Finding[]): void {
  const count = act.lines.length;
  if (act.statedCopies !== undefined && act.statedCopies !== count) {
    findings.push(actFinding('ACT_TOTAL_MISMATCH', 'error', `${label}: the act states ${copies(act.statedCopies)}, its lines are ${copies(count)}`, actPlace(act, 'statedCopies'), { actual: String(count), expected: String(act.statedCopies) }));
  }
  if (act.statedSum !== undefined) {
    const sum = act.lines.reduce((total, l) => total + (l.price ?? 0), 0);
    if (sum !== act.statedSum) {
      const priceless = act.lines.filter((l) => l.price === undefined).length;
      const note = priceless === 0 ? '' : ` (${priceless} of them without a price)`;
      findings.push(actFinding('ACT_TOTAL_MISMATCH', 'error', `${label}: the act states a sum of ${formatMoney(act.statedSum)} tenge, its lines sum to ${formatMoney(sum)}${note}`, actPlace(act, 'statedSum'), { actual: formatMoney(sum), expected: formatMoney(act.statedSum) }));
    }
  }
}
