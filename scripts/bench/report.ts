/** The benchmark table: as text for the terminal and as Markdown for docs/benchmarks.md. */
import type { Machine } from './machine.js';

export type Verdict = 'pass' | 'fail' | 'info' | 'n/a';

export interface Row {
  measure: string;
  kitap: string;
  peer: string;
  ratio: string;
  target: string;
  result: Verdict;
}

export interface BenchReport {
  rows: Row[];
  machine: Machine;
  records: number;
  inputBytes: number;
  runs: number;
  /** Exact commands and per-run figures, one line each. */
  details: string[];
  /** Problems met during the run (a failed command, an unavailable peer). */
  problems: string[];
}

const HEADERS = ['measure', 'kitap', 'peer', 'ratio', 'target', 'result'] as const;

function cells(row: Row): string[] {
  return [row.measure, row.kitap, row.peer, row.ratio, row.target, row.result];
}

export function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} rec/s`;
}

export function formatMb(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`;
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

function loadLine(m: Machine): string {
  const busy = Math.max(m.load.start, m.load.end) > m.cores;
  return `1-minute load average: ${m.load.start} at the start, ${m.load.end} at the end${busy ? ` — above the ${m.cores} cores: other processes competed for the CPU, so the figures are pessimistic` : ''}`;
}

export function machineLines(m: Machine): string[] {
  return [`date: ${m.date}`, `CPU: ${m.cpu}, ${m.cores} logical cores`, `RAM: ${m.ramGb} GB`, `OS: ${m.os}`, `Node.js: ${m.node}`, `peer: ${m.yaz}`, loadLine(m)];
}

export function renderText(report: BenchReport): string {
  const rows = [HEADERS as readonly string[], ...report.rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd();
  const out = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  out.push('', `input: ${report.records.toLocaleString('en-US')} records, ${(report.inputBytes / 2 ** 20).toFixed(1)} MiB; median of ${report.runs} runs`);
  out.push(...machineLines(report.machine));
  if (report.problems.length) out.push('', 'problems:', ...report.problems.map((p) => `  ${p}`));
  return out.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderMarkdown(report: BenchReport): string {
  const out = [
    `Run on ${report.machine.date.slice(0, 10)}: ${report.records.toLocaleString('en-US')} records (${(report.inputBytes / 2 ** 20).toFixed(1)} MiB, ${Math.round(report.inputBytes / report.records)} bytes per record on average), median of ${report.runs} runs.`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map(() => '---').join('|')}|`,
    ...report.rows.map((r) => `| ${cells(r).map(escapeCell).join(' | ')} |`),
    '',
    'Machine:',
    '',
    ...machineLines(report.machine).map((l) => `- ${l}`),
  ];
  if (report.details.length) out.push('', 'Commands and runs:', '', ...report.details.map((d) => `- ${d}`));
  if (report.problems.length) out.push('', 'Problems in this run:', '', ...report.problems.map((p) => `- ${p}`));
  return out.join('\n');
}

export const SECTION_BEGIN = '<!-- bench:begin (written by scripts/bench/run.ts; do not edit by hand) -->';
export const SECTION_END = '<!-- bench:end -->';

/** Replaces the marked section of `doc` (appending one when it has none). */
export function replaceSection(doc: string, body: string): string {
  const section = `${SECTION_BEGIN}\n${body}\n${SECTION_END}`;
  const begin = doc.indexOf(SECTION_BEGIN);
  const end = doc.indexOf(SECTION_END);
  if (begin >= 0 && end > begin) return doc.slice(0, begin) + section + doc.slice(end + SECTION_END.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
}
