/**
 * Which of ';' ',' '\t' '|' separates the cells of a CSV file, judged on its
 * first records. Each candidate splits the sample with the real scanner (so
 * delimiters inside quoted cells do not count); the candidate that gives the
 * same number of cells (more than one) on the most records wins, weighted by
 * that number so that ';' giving 5 cells beats ',' giving 2 on a file whose
 * prices are written "1 200,00". Ties go to the earlier candidate.
 */
import { physicalLine, scanRecord } from './csv-scanner.js';

/** The delimiters tried, in order of preference. */
export const DELIMITER_CANDIDATES: readonly string[] = [';', ',', '\t', '|'];

/** Records of the sample looked at. */
const MAX_RECORDS = 200;

/** What the detection found, for the summary. */
export interface DelimiterGuess {
  delimiter: string;
  note: string;
}

function shown(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

/** Cells per record (blank lines skipped) when `delimiter` splits the sample. */
function cellCounts(bytes: Uint8Array, start: number, complete: boolean, delimiter: number): number[] {
  const counts: number[] = [];
  let at = start;
  while (at < bytes.length && counts.length < MAX_RECORDS) {
    const r = scanRecord(bytes, at, complete, delimiter);
    if (r.kind === 'more') break;
    if (r.kind === 'error') {
      // as the reader does: the broken record's first line is dropped, scanning resumes on the next
      const line = physicalLine(bytes, at, complete);
      if (line === undefined || line.end <= at) break;
      at = line.end;
      continue;
    }
    const blank = r.cells.length === 1 && r.cells[0]?.start === r.cells[0]?.end && bytes[at] !== 0x22;
    if (!blank) counts.push(r.cells.length);
    if (r.end <= at) break;
    at = r.end;
  }
  return counts;
}

/** Guesses the delimiter from the sample's records, skipping `start` bytes (a byte-order mark). */
export function detectDelimiter(sample: Uint8Array, start: number, complete: boolean): DelimiterGuess {
  let best: { delimiter: string; score: number; agree: number; cells: number; records: number } | undefined;
  for (const candidate of DELIMITER_CANDIDATES) {
    const counts = cellCounts(sample, start, complete, candidate.charCodeAt(0));
    const tally = new Map<number, number>();
    for (const c of counts) if (c > 1) tally.set(c, (tally.get(c) ?? 0) + 1);
    let cells = 0;
    let agree = 0;
    for (const [c, k] of tally) {
      if (k > agree || (k === agree && c > cells)) {
        cells = c;
        agree = k;
      }
    }
    if (agree === 0) continue;
    const score = agree * Math.log2(cells);
    if (best === undefined || score > best.score) best = { delimiter: candidate, score, agree, cells, records: counts.length };
  }
  if (best === undefined) {
    return { delimiter: ';', note: "delimiter ';' assumed: none of ';' ',' tab '|' splits the first lines into cells" };
  }
  return {
    delimiter: best.delimiter,
    note: `delimiter ${shown(best.delimiter)} detected: ${best.cells} cells on ${best.agree} of the first ${best.records} lines`,
  };
}
