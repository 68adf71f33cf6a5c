import type { ByteSink } from '@kitap/core';
import { placeInFile } from './place-in-file.js';
import type { FindingReporter } from './reporter.js';
import type { FindingSummary } from './summary.js';

/** A summary for a terminal: rules grouped, with counts and a few examples each. */
export class TextReporter implements FindingReporter {
  constructor(private readonly sink: ByteSink) {}

  async add(): Promise<void> {}

  async close(s: FindingSummary): Promise<void> {
    await this.sink.write(textSummary(s));
    await this.sink.close();
  }

  async abort(): Promise<void> {
    await this.sink.abort();
  }
}

export function textSummary(s: FindingSummary): string {
  const lines: string[] = [];
  lines.push(`${s.title}`);
  lines.push(`  ${s.records} records checked, ${s.rejected} unreadable (rejected), ${s.recordsWithFindings} with findings`);
  lines.push(`  ${s.findings} findings: ${s.bySeverity.error} errors, ${s.bySeverity.warning} warnings, ${s.bySeverity.info} info; ${s.fixable} fixable by \`kitap fix\``);
  for (const r of s.rules) {
    lines.push('');
    lines.push(`${r.severity.padEnd(7)} ${r.ruleId}  ${r.count}${r.fixable ? ` (${r.fixable} fixable)` : ''}${r.description ? `  ${r.description}` : ''}`);
    for (const f of r.examples) {
      const where = placeInFile(f.place);
      lines.push(`    ${where}: ${f.message}${f.label ? `  «${f.label}»` : ''}`);
    }
    if (r.count > r.examples.length) lines.push(`    … and ${r.count - r.examples.length} more`);
  }
  lines.push('');
  return lines.join('\n');
}
