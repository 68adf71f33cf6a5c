import { instructionFor } from '../acts/instruction.js';
import type { AuditFinding, AuditResult } from './run-audit.js';

/** One finding as `findings.json` writes it. */
export interface FindingJson {
  code: string;
  severity: string;
  message: string;
  /** The act; `branch` is its library (the sending one for a transfer), when known. */
  act?: { file: string; number: string; date: string; branch?: string };
  file?: string;
  line?: number;
  inventoryNumber?: string;
  copy?: { inventoryNumber: string; branch?: string; record?: string; status?: string };
  copies?: { inventoryNumber: string; branch?: string; record?: string; status?: string }[];
  actual?: string;
  expected?: string;
  related?: { file?: string; line?: number };
}

function findingJson(f: AuditFinding): FindingJson {
  const out: FindingJson = { code: f.ruleId, severity: f.severity, message: f.message };
  if (f.act) out.act = f.act;
  if (f.place.file !== undefined) out.file = f.place.file;
  const line = f.line ?? f.place.line;
  if (line !== undefined) out.line = line;
  if (f.inventoryNumber !== undefined) out.inventoryNumber = f.inventoryNumber;
  if (f.copies?.length === 1) out.copy = f.copies[0]!;
  else if (f.copies?.length) out.copies = f.copies;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.related) out.related = { ...(f.related.file !== undefined ? { file: f.related.file } : {}), ...(f.related.line !== undefined ? { line: f.related.line } : {}) };
  return out;
}

/** `findings.json`: every finding, and the totals by code and severity. */
export function findingsJson(result: AuditResult): { findings: FindingJson[]; totals: Record<string, unknown> } {
  const byCode: Record<string, number> = {};
  const bySeverity: Record<string, number> = {};
  for (const f of result.findings) {
    byCode[f.ruleId] = (byCode[f.ruleId] ?? 0) + 1;
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  }
  return {
    findings: result.findings.map(findingJson),
    totals: { findings: result.findings.length, bySeverity: sortKeys(bySeverity), byCode: sortKeys(byCode), ...result.counts },
  };
}

/** `summary.json`: the withdrawal table, the acts by instruction, and the balance. */
export function summaryJson(result: AuditResult, meta: { asOf: string; year?: number | undefined }): Record<string, unknown> {
  const instructions: Record<string, number> = {};
  for (const act of result.acts) {
    const id = /^\d{4}-\d{2}-\d{2}$/.test(act.date) ? instructionFor(act.date).id : 'unknown';
    instructions[id] = (instructions[id] ?? 0) + 1;
  }
  const out: Record<string, unknown> = {
    asOf: meta.asOf,
    year: meta.year ?? null,
    unit: 'tiyn',
    withdrawals: result.withdrawals,
    actsByInstruction: sortKeys(instructions),
    counts: result.counts,
  };
  if (result.balance) out['balance'] = result.balance;
  return out;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
