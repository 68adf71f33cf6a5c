/**
 * Dates of copies (received, written off, transferred) are ISO `YYYY-MM-DD`
 * strings in kitap; sources write them as `DD.MM.YYYY` (1C, acts), `YYYYMMDD`
 * (IRBIS 910 $c, MARC 876 $d) or ISO (Koha).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// A time of day after the date, as spreadsheets and 1C write it ("05.01.2020 0:00:00"); the time is not kept.
const TIME = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;

/**
 * A date as ISO `YYYY-MM-DD`, from `YYYY-MM-DD`, `DD.MM.YYYY` (also `D.M.YYYY`)
 * or `YYYYMMDD`, with an optional time of day after it (dropped); undefined
 * for anything else, for two-digit years (`5.1.20` could be 1920 or 2020) and
 * for dates that are not on the calendar (`31.04.2020`, `29.02.2023`,
 * `00000000`). Years 1000–9999.
 */
export function parseDate(text: string): string | undefined {
  const s = text.trim().replace(TIME, '');
  let m = ISO.exec(s) ?? COMPACT.exec(s);
  let year: number, month: number, day: number;
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else {
    m = DOTTED.exec(s);
    if (!m) return undefined;
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
  }
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** An ISO date as IRBIS and MARC 876 $d write it: `2023-10-10` → `20231010`. */
export function compactDate(iso: string): string {
  return iso.replace(/-/g, '');
}

/** An ISO date as 1C exports and acts write it: `2023-10-10` → `10.10.2023`. */
export function dottedDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** Whether the text is a real calendar date written as ISO `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return ISO.test(text) && parseDate(text) === text;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
