/**
 * Every code `kitap reconcile` can put in its reports, walked: the codes the
 * audit's sources emit (checks, act readers, holdings readers) and the codes
 * of the MARC records the readers of @kitap/marc reject. Found in the sources,
 * so a new code without a Russian name or text fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { describe, expect, it } from 'vitest';
import { ACT_CHECK_CODES, ACT_READ_CODES } from '../../src/acts/act-codes.js';
import type { AuditFinding } from '../../src/audit/run-audit.js';
import { AUDIT_CHECKS, checkName } from '../../src/report/check-names.js';
import { findingText } from '../../src/report/finding-text.js';
import { expectRussianFirst } from './russian-text.js';

const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));
const BRANCHES = BranchDirectory.fromJson(KARAGANDA_CBS);

/** The .ts files under a folder, at any depth. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** The codes the audit's own sources give findings (the reports' folder aside). */
function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(join(PACKAGES, 'reconcile/src')).filter((f) => !/[\\/]report[\\/]/u.test(f))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:ruleId: |actFinding\(|lineFinding\()'([A-Z][A-Z0-9_]+)'/gu)) codes.add(m[1]!);
  }
  return codes;
}

/**
 * The codes of @kitap/marc's record readers and codecs: a holdings record one
 * of them rejects becomes a finding under its code (read-holdings.ts). E_USAGE
 * is thrown for a bad option before any record is read, never a finding.
 */
function recordCodes(): Set<string> {
  const codes = new Set<string>();
  for (const folder of ['iso2709', 'marcxml', 'mij', 'mrk', 'charset']) {
    for (const file of sources(join(PACKAGES, 'marc/src', folder))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(E_[A-Z0-9_]+)'/gu)) if (m[1] !== 'E_USAGE') codes.add(m[1]!);
    }
  }
  return codes;
}

const CODES = [...new Set([...AUDIT_CHECKS.map((c) => c.code), ...ACT_READ_CODES, ...ACT_CHECK_CODES, ...emittedCodes(), ...recordCodes()])].sort();

const ENGLISH = 'something in the input went wrong here, see the file';

/** Findings of one code in the shapes the reports meet: bare, and with an inventory number, values and copies. */
function shapes(code: string): AuditFinding[] {
  const bare: AuditFinding = { ruleId: code, severity: 'error', message: ENGLISH, place: { file: 'acts/akt-17.csv', line: 7 } };
  return [
    bare,
    { ...bare, severity: 'warning', place: { file: 'holdings.mrc', index: 4, offset: 1200 } },
    { ...bare, line: 7, inventoryNumber: '48213', actual: 'x', expected: 'y', copies: [{ inventoryNumber: '48213', branch: 'CGB', status: 'available' }], related: { file: 'acts/akt-3.csv', line: 2 } },
  ];
}

describe('every code kitap reconcile can emit', () => {
  it('is found in the sources: the checks, the act and holdings readers, and the MARC record codes', () => {
    for (const code of ['ACT_LINE_UNMATCHED', 'BALANCE_MISMATCH', 'ACT_LINE_INVALID', 'ACT_HEADER_INVALID', 'ACT_FILE_UNREADABLE', 'ACT_SHAPE_UNKNOWN', 'ACT_DATE_INVALID', 'ACT_AFTER_HOLDINGS', 'HOLDINGS_COPY_INVALID', 'E_JSON', 'E_TRUNCATED', 'E_LEADER', 'E_XML', 'E_MNEMONIC']) {
      expect(CODES).toContain(code);
    }
  });

  it.each(CODES)('%s has a Russian check name', (code) => {
    const name = checkName(code);
    expect(name, `${code} has no name`).not.toBe(code);
    expect(name).toMatch(/^[А-ЯЁ]/u);
  });

  it.each(CODES)('%s is described in Russian, any English message only after it, in brackets', (code) => {
    for (const f of shapes(code)) {
      const text = findingText(f, BRANCHES);
      expect(text).toMatch(/\p{Script=Cyrillic}/u);
      expectRussianFirst(text, ENGLISH);
    }
  });
});
