import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLedgerView } from '../src/ledger-view.js';
import { textChange } from '../src/text-diff.js';

function ledgerFile(json: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kitap-ledger-')), 'ledger.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('the ledger on the page', () => {
  it('reads the ledger of the other commands too (stages by name), and finds a stage that does not balance', async () => {
    const path = ledgerFile({
      stages: {
        read: { in: 120, out: 117, rejected: 3, filtered: 0 },
        write: { in: 117, out: 115, rejected: 1, filtered: 0, money: { in: 150_000, out: 149_000, rejected: 1000, filtered: 0 } },
      },
      rejectsByCode: { E_TRUNCATED: 3 },
      balanced: false,
    });
    const view = await readLedgerView(path);
    if (view.state !== 'ok') throw new Error(`unexpected ${view.state}`);
    expect(view.ledger.stages.map((s) => [s.stage, s.balanced, s.money?.balanced ?? null])).toEqual([
      ['read', true, null],
      ['write', false, true],
    ]);
    expect(view.ledger.stagesBalanced).toBe(false);
    expect(view.ledger.balanced).toBe(false);
    expect(view.ledger.facts).toEqual([{ key: 'rejectsByCode.E_TRUNCATED', value: '3' }]);
  });

  it('shows money in tiyn as tenge, whatever its nesting', async () => {
    const path = ledgerFile({ tool: 'kitap migrate', version: 1, balanced: true, stages: [], money: { unit: 'tiyn', in: 5, byBranch: { F04: 123_456_789 } } });
    const view = await readLedgerView(path);
    if (view.state !== 'ok') throw new Error(`unexpected ${view.state}`);
    expect(view.ledger.facts).toEqual([
      { key: 'money.unit', value: 'tiyn' },
      { key: 'money.in', value: '0,05 ₸ (5 tiyn)' },
      { key: 'money.byBranch.F04', value: '1\u202f234\u202f567,89 ₸ (123\u202f456\u202f789 tiyn)' },
    ]);
  });
});

describe('where a fix changed a field', () => {
  it('is one stretch between the common start and end', () => {
    expect(textChange('=245  10$aАлдар\tКөсе :', '=245  10$aАлдар Көсе :')).toEqual({ prefix: '=245  10$aАлдар', removed: '\t', added: ' ', suffix: 'Көсе :' });
    expect(textChange('=020  \\\\$a5-7667-0234-6', '=020  \\\\$a5-7667-0234-6 (ошибочный)')).toEqual({ prefix: '=020  \\\\$a5-7667-0234-6', removed: '', added: ' (ошибочный)', suffix: '' });
  });

  it('never cuts a character outside the Basic Multilingual Plane in two, nor overlaps start and end', () => {
    expect(textChange('a😀b', 'a😃b')).toEqual({ prefix: 'a', removed: '😀', added: '😃', suffix: 'b' });
    expect(textChange('aa', 'aaa')).toEqual({ prefix: 'aa', removed: '', added: 'a', suffix: '' });
  });
});
