/**
 * The text of a spreadsheet cell, the way a person reading the sheet would
 * copy it, but machine-readable: numbers with '.' as the decimal separator and
 * no grouping, without float noise (1200.4999999999998 → 1200.5) and with the
 * trailing zeros the cell's number format asks for (1200.5 under "0.00" →
 * 1200.50; digits are never rounded away; a fraction of exactly three digits
 * gets a fourth, 16.055 → 16.0550, so that it is never read as a thousands
 * group); dates as DD.MM.YYYY (with the time
 * when it is not midnight); rich text concatenated; formulas as their cached
 * result; errors as written (#N/A).
 *
 * exceljs's own `cell.text` is not used: it ignores number formats and prints
 * dates in the JavaScript Date format.
 */

/** The parts of an exceljs cell value this module reads. */
export type CellValue = unknown;

/** Significant digits Excel itself keeps. */
const EXCEL_DIGITS = 15;

/** Strips "quoted text", \-escapes and [colour/locale] sections from a number format, keeping the first section. */
function formatCode(numFmt: string): string {
  let out = '';
  for (let i = 0; i < numFmt.length; i++) {
    const c = numFmt[i] as string;
    if (c === '"') {
      const close = numFmt.indexOf('"', i + 1);
      i = close < 0 ? numFmt.length : close;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if (c === '[') {
      const close = numFmt.indexOf(']', i + 1);
      const inside = numFmt.slice(i + 1, close < 0 ? numFmt.length : close);
      if (/^[hms]+$/i.test(inside)) out += inside; // elapsed time [h]
      i = close < 0 ? numFmt.length : close;
    } else if (c === ';') {
      break;
    } else {
      out += c;
    }
  }
  return out;
}

/** True when the number format shows a date or time. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined || numFmt === '' || /^general$/i.test(numFmt)) return false;
  return /[dmyhs]/i.test(formatCode(numFmt).replace(/[eE][+-]/g, ''));
}

/** Decimal places the number format shows ("#,##0.00" → 2), or undefined for General and text formats. */
export function formatDecimals(numFmt: string | undefined): number | undefined {
  if (numFmt === undefined || numFmt === '' || /^general$/i.test(numFmt) || numFmt === '@') return undefined;
  const code = formatCode(numFmt);
  const dot = code.indexOf('.');
  if (dot < 0) return /[0#?]/.test(code) ? 0 : undefined;
  const m = /^[0#?]+/.exec(code.slice(dot + 1));
  return m ? m[0].length : 0;
}

/** A number as text: shortest form after dropping float noise, padded (never rounded) to the format's decimals. */
export function numberText(value: number, numFmt?: string): string {
  if (!Number.isFinite(value)) return String(value);
  const clean = Number(value.toPrecision(EXCEL_DIGITS));
  let text = String(clean);
  if (text.includes('e')) return text;
  const decimals = formatDecimals(numFmt);
  if (decimals !== undefined && decimals > 0) {
    const dot = text.indexOf('.');
    const have = dot < 0 ? 0 : text.length - dot - 1;
    if (have < decimals) text = (dot < 0 ? `${text}.` : text) + '0'.repeat(decimals - have);
  }
  // Exactly three digits after the point read as a thousands group to a reader of Russian amounts
  // ("16.055" would be 16 055 tenge): one zero more is the same number, and leaves no doubt.
  const dot = text.indexOf('.');
  if (dot >= 0 && text.length - dot - 1 === 3) text += '0';
  return text;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** DD.MM.YYYY, with " HH:MM" (and ":SS") when the time is not midnight. Dates from exceljs are in UTC. */
export function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  // round to the second: serial numbers carry float noise
  const d = new Date(Math.round(date.getTime() / 1000) * 1000);
  let text = `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h !== 0 || m !== 0 || s !== 0) text += ` ${pad2(h)}:${pad2(m)}${s !== 0 ? `:${pad2(s)}` : ''}`;
  return text;
}

/** An Excel serial date (1900 system, or 1904 when `date1904`) as a Date in UTC. */
export function serialToDate(serial: number, date1904 = false): Date {
  const epoch = date1904 ? 24107 : 25569; // days from the serial epoch to 1970-01-01
  return new Date(Math.round((serial - epoch) * 86_400_000));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * The text of a cell value as exceljs gives it (string, number, boolean, Date,
 * rich text, hyperlink, formula, error), with the cell's number format.
 */
export function cellText(value: CellValue, numFmt: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return isDateFormat(numFmt) && Number.isFinite(value) ? dateText(serialToDate(value, date1904)) : numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (!isRecord(value)) return String(value);
  if (Array.isArray(value.richText)) {
    return value.richText.map((run: unknown) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join('');
  }
  if ('error' in value && typeof value.error === 'string') return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    // exceljs's streaming reader parses every non-string result as a float: an error or boolean becomes NaN
    if (typeof result === 'number' && Number.isNaN(result)) return '#ERROR';
    return cellText(result, numFmt, date1904);
  }
  if ('hyperlink' in value || 'text' in value) return cellText(value.text, numFmt, date1904);
  return '';
}
