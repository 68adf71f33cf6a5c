import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { describe, expect, it } from 'vitest';
import type { AuditFinding } from '../../src/audit/run-audit.js';
import { findingText } from '../../src/report/finding-text.js';

const BRANCHES = BranchDirectory.fromJson(KARAGANDA_CBS);
const base = { severity: 'error' as const, place: { file: 'akt.csv', line: 7 }, line: 7, inventoryNumber: '1005' };

describe('what a finding says to the library staff', () => {
  it('is Russian, with the library names of the directory and the copy\'s status', () => {
    const moved: AuditFinding = { ...base, ruleId: 'TRANSFER_LOCATION_MISMATCH', message: 'the act sends copy «1005» to F15, the holdings have it at F05', actual: 'F05', expected: 'F15' };
    expect(findingText(moved, BRANCHES)).toMatch(/^Акт передаёт экземпляр «1005» в библиотеку «[^»]+», а в фонде он числится в «[^»]+»\.$/u);
    expect(findingText(moved, BRANCHES)).not.toContain('F15');
    const active: AuditFinding = { ...base, ruleId: 'WRITTEN_OFF_STILL_ACTIVE', message: 'copy «1005» is written off…', copies: [{ inventoryNumber: '1005', status: 'available' }] };
    expect(findingText(active, BRANCHES)).toMatch(/^Экземпляр «1005» списан по акту, но в фонде числится: /u);
    const early: AuditFinding = { ...base, ruleId: 'ACT_BEFORE_RECEIPT', message: '…', actual: '2018-10-10', expected: 'on or after 2019-02-01' };
    expect(findingText(early, BRANCHES)).toBe('Акт датирован 10.10.2018, раньше поступления экземпляра «1005» (01.02.2019).');
  });

  it('puts the English message after the check\'s Russian name, in brackets, where no wording fits', () => {
    // An ACT_LINE_INVALID without its case (messageId): the report does not guess the case from the English.
    const row: AuditFinding = { ...base, ruleId: 'ACT_LINE_INVALID', message: 'act № 3: the reason «x» is not one kitap knows' };
    expect(findingText(row, BRANCHES)).toBe('Строка акта не читается. (act № 3: the reason «x» is not one kitap knows)');
    const unknown: AuditFinding = { ...base, ruleId: 'SOMETHING_NEW', message: 'a check the reports do not know yet' };
    expect(findingText(unknown, BRANCHES)).toBe('Замечание SOMETHING_NEW. (a check the reports do not know yet)');
  });
});
