/**
 * Time per rule: `tsx --conditions source scripts/bench/rule-profile.ts <file.mrc> [profile]`.
 * Reads the file once, decodes every field, then runs each record rule alone
 * over all records (lint, and fix for fixable rules) and prints microseconds
 * per record, slowest first, with the number of findings and changes. Use it
 * to find the rule that makes `kitap lint` slow; the figures are only
 * comparable on a quiet machine (see the load average printed at the end).
 */
import { loadavg } from 'node:os';
import { readIso2709All } from '../../packages/marc/src/index.js';
import { Linter, resolveRules } from '../../packages/clean/src/index.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx --conditions source scripts/bench/rule-profile.ts <file.mrc> [profile]');
  process.exit(2);
}
const items = await readIso2709All(file);
const records = items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
for (const r of records) void r.fields;
const { rules } = resolveRules({ profile: process.argv[3] ?? 'kazakh-public-library' });
const rows: { id: string; lint: number; fix: number | undefined; findings: number; changes: number }[] = [];
for (const active of rules) {
  if (active.rule.kind !== 'record') continue;
  const linter = new Linter([active]);
  let findings = 0;
  let t = performance.now();
  for (const r of records) findings += linter.lint(r).length;
  const lint = ((performance.now() - t) * 1000) / records.length;
  let fix: number | undefined;
  let changes = 0;
  if (active.rule.meta.fixable) {
    t = performance.now();
    for (const r of records) changes += linter.fix(r).changes.length;
    fix = ((performance.now() - t) * 1000) / records.length;
  }
  rows.push({ id: active.rule.meta.id, lint, fix, findings, changes });
}
rows.sort((a, b) => b.lint - a.lint);
console.log(`${records.length} records of ${file}; µs per record`);
console.log(`${'rule'.padEnd(32)} ${'lint'.padStart(8)} ${'fix'.padStart(8)} ${'findings'.padStart(9)} ${'changes'.padStart(8)}`);
for (const r of rows) console.log(`${r.id.padEnd(32)} ${r.lint.toFixed(1).padStart(8)} ${(r.fix?.toFixed(1) ?? '').padStart(8)} ${String(r.findings).padStart(9)} ${String(r.changes).padStart(8)}`);
const total = rows.reduce((n, r) => n + r.lint, 0);
console.log(`${'all record rules'.padEnd(32)} ${total.toFixed(1).padStart(8)}   → about ${Math.round(1e6 / total).toLocaleString('en-US')} records/s for the rules alone`);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
