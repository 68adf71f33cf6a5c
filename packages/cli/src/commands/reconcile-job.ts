import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicFile, type Finding, KitapError, formatPlace } from '@kitap/core';
import { BranchDirectory, KARAGANDA_CBS, formatMoney, parseDate } from '@kitap/holdings';
import { makeOutputFolder } from '@kitap/inventory';
import { DEFAULT_SUBJECT_RULES, PROFILE_LAYOUTS, type AuditResult, WITHDRAWAL_LABELS, auditHtml, checkActs, findingsJson, loadSubjectGroups, readActs, runAudit, summaryJson, writeAuditXlsx } from '@kitap/reconcile';
import type { Io } from '../io.js';

export interface ReconcileOptions {
  holdings: string;
  acts: string[];
  out: string;
  asOf?: string;
  year?: string;
  fundStart?: string;
  fundEnd?: string;
  branches?: string;
  subjects?: string;
  holdingsEncoding?: string;
  profile?: string;
}

export interface ActsCheckOptions {
  paths: string[];
  asOf?: string;
  branches?: string;
  format: string;
}

const INVENTORY_NUMBERS = { branchPrefixes: 'strip' } as const;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function asOfDate(text: string | undefined): string {
  if (text === undefined) return today();
  const iso = parseDate(text);
  if (!iso) throw new KitapError('E_USAGE', `--as-of "${text}" is not a date (YYYY-MM-DD or DD.MM.YYYY)`);
  return iso;
}

async function writeJson(path: string, value: unknown): Promise<void> {
  const file = new AtomicFile(path);
  await file.write(`${JSON.stringify(value, null, 1)}\n`);
  await file.close();
}

/** `kitap reconcile`: the audit, its files, and a summary on stderr. */
/** An input that must be a file: a clear E_INPUT naming it when it is missing or a folder. */
function inputFile(path: string, option: string): void {
  if (path === '-') return;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new KitapError('E_INPUT', `${option}: no such file`, { file: path });
  }
  if (stat.isDirectory()) throw new KitapError('E_INPUT', `${option}: this is a folder; give a file`, { file: path });
}

export async function runReconcileCommand(options: ReconcileOptions, io: Io): Promise<number> {
  const asOf = asOfDate(options.asOf);
  let year: number | undefined;
  if (options.year !== undefined) {
    if (!/^\d{4}$/.test(options.year)) throw new KitapError('E_USAGE', `--year "${options.year}" is not a year`);
    year = Number(options.year);
  }
  if ((options.fundStart === undefined) !== (options.fundEnd === undefined)) throw new KitapError('E_USAGE', 'the balance check needs both --fund-start and --fund-end');
  if (options.fundStart !== undefined && year === undefined) throw new KitapError('E_USAGE', 'the balance check needs --year (the year the fund snapshots open and close)');
  const profile = options.profile ?? 'kazakh-public-library';
  if (!Object.hasOwn(PROFILE_LAYOUTS, profile)) throw new KitapError('E_USAGE', `unknown profile "${profile}"; use ${Object.keys(PROFILE_LAYOUTS).join(', ')}`);
  const branches = options.branches ? await BranchDirectory.load(options.branches) : BranchDirectory.fromJson(KARAGANDA_CBS);
  const rules = options.subjects ? await loadSubjectGroups(options.subjects) : DEFAULT_SUBJECT_RULES;
  // The inputs are named files and folders: one that is not there, or of the wrong kind, is said before any work.
  inputFile(options.holdings, '--holdings');
  if (options.fundStart !== undefined) inputFile(options.fundStart, '--fund-start');
  if (options.fundEnd !== undefined) inputFile(options.fundEnd, '--fund-end');
  for (const act of options.acts) if (!existsSync(act)) throw new KitapError('E_INPUT', '--acts: no such file or folder', { file: act });
  makeOutputFolder(options.out);
  const result = await runAudit({
    holdings: options.holdings,
    acts: options.acts,
    asOf,
    year,
    fundStart: options.fundStart,
    fundEnd: options.fundEnd,
    branches,
    inventoryNumbers: INVENTORY_NUMBERS,
    rules,
    holdingsEncoding: options.holdingsEncoding,
    layouts: PROFILE_LAYOUTS[profile as keyof typeof PROFILE_LAYOUTS],
  });
  await writeJson(join(options.out, 'findings.json'), findingsJson(result));
  await writeJson(join(options.out, 'summary.json'), summaryJson(result, { asOf, year }));
  const written = ['findings.json', 'summary.json'];
  const meta = { holdings: options.holdings, acts: options.acts, asOf, ...(year !== undefined ? { year } : {}), generated: `kitap reconcile, as of ${asOf}`, branches };
  await writeAuditXlsx(result, join(options.out, 'report.xlsx'), meta);
  const html = new AtomicFile(join(options.out, 'report.html'));
  await html.write(auditHtml(result, meta));
  await html.close();
  written.push('report.xlsx', 'report.html');
  for (const line of summary(result, year)) io.err(line);
  io.err(`wrote ${written.map((f) => join(options.out, f)).join(', ')}`);
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function summary(result: AuditResult, year: number | undefined): string[] {
  const c = result.counts;
  const lines = [
    `acts: ${c.acts} with ${c.lines} lines${c.rowsNotRead ? ` (and ${c.rowsNotRead} rows not read)` : ''}; matched ${c.matched} copies, unmatched ${c.unmatched}, ambiguous ${c.ambiguous}, inventory number unreadable ${c.invalid}; holdings: ${c.holdingsCopies} copies${c.holdingsProblems ? `, ${c.holdingsProblems} unreadable` : ''}`,
    `  ledger act lines: ${c.lines} = matched ${c.matched} + unmatched ${c.unmatched} + ambiguous ${c.ambiguous} + unreadable number ${c.invalid} (${c.lines === c.matched + c.unmatched + c.ambiguous + c.invalid ? 'balanced' : 'NOT BALANCED'})`,
  ];
  const byCode = new Map<string, number>();
  for (const f of result.findings) byCode.set(f.ruleId, (byCode.get(f.ruleId) ?? 0) + 1);
  lines.push(byCode.size ? `findings: ${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ')}` : 'findings: none');
  const t = result.withdrawals.total;
  lines.push(`${WITHDRAWAL_LABELS.total}${year !== undefined ? ` (${year})` : ''}: ${t.copies} экз. на сумму ${formatMoney(t.sum)} тг, в т.ч. на казахском языке ${t.kazakh.copies} экз. (${formatMoney(t.kazakh.sum)} тг)`);
  if (result.balance) {
    const off = result.balance.filter((b) => b.expectedEnd.copies !== b.end.copies || b.expectedEnd.sum !== b.end.sum).length;
    lines.push(`balance: ${result.balance.length} cells (branch × subject group × language), ${off} do not balance`);
  }
  return lines;
}

/** `kitap acts check`: the act files alone. */
export async function runActsCheckCommand(options: ActsCheckOptions, io: Io): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json') throw new KitapError('E_USAGE', `--format must be text or json, not "${options.format}"`);
  const asOf = asOfDate(options.asOf);
  const branches = options.branches ? await BranchDirectory.load(options.branches) : BranchDirectory.fromJson(KARAGANDA_CBS);
  const { acts, problems } = await readActs(options.paths, { branches, inventoryNumbers: INVENTORY_NUMBERS });
  const findings: Finding[] = [...problems, ...checkActs(acts, { asOf, branches, inventoryNumbers: INVENTORY_NUMBERS })];
  if (options.format === 'json') {
    await io.out(`${JSON.stringify({ acts: acts.map((a) => ({ file: a.file, number: a.number, date: a.date, type: a.type, reason: a.reason ?? null, lines: a.lines.length })), findings }, null, 1)}\n`);
  } else {
    for (const f of findings) await io.out(`${formatPlace(f.place)}: ${f.severity} ${f.ruleId}: ${f.message}\n`);
  }
  const lines = acts.reduce((n, a) => n + a.lines.length, 0);
  io.err(`${acts.length} acts, ${lines} lines; ${findings.length} findings (${findings.filter((f) => f.severity === 'error').length} errors)`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
