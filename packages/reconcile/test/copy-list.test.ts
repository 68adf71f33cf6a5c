import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BranchDirectory, COPY_MAPPERS, KARAGANDA_CBS, formatMoney } from '@kitap/holdings';
import { readIso2709All } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUBJECT_RULES, copyFacts, findingsJson, runAudit } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = join(ROOT, 'fixtures/reconcile');
const STATUS_RU: Record<string, string> = { available: 'в фонде', 'on-loan': 'выдан', 'written-off': 'списан', transferred: 'передан', lost: 'утерян' };

describe('holdings as a copy list (CSV, one row per copy)', () => {
  it('gives the same audit as the MARC holdings it was made from', async () => {
    const items = await readIso2709All(readFileSync(join(DIR, 'holdings.mrc')));
    const lines = ['Инв. №;Филиал;Статус;Цена;Дата поступления;ББК;УДК;Язык;Заглавие'];
    for (const item of items) {
      if (item.kind !== 'record') continue;
      for (const { copy } of COPY_MAPPERS['852/876'].read(item.record)) {
        const facts = copyFacts(item.record, copy);
        const date = copy.dateReceived ? copy.dateReceived.split('-').reverse().join('.') : '';
        const cells = [copy.inventoryNumber, copy.branch, copy.status ? (STATUS_RU[copy.status] ?? copy.status) : '', copy.price === undefined ? '' : formatMoney(copy.price), date, facts.bbk[0] ?? '', facts.udc[0] ?? '', facts.languages[0] ?? '', facts.title ?? ''];
        lines.push(cells.map((c) => (/[;"]/.test(c ?? '') ? `"${(c ?? '').replace(/"/g, '""')}"` : (c ?? ''))).join(';'));
      }
    }
    const list = join(mkdtempSync(join(tmpdir(), 'kitap-copies-')), 'copies.csv');
    writeFileSync(list, `\ufeff${lines.join('\r\n')}\r\n`);
    const common = { acts: [join(DIR, 'acts')], asOf: '2025-06-30', year: 2023, branches: BranchDirectory.fromJson(KARAGANDA_CBS), inventoryNumbers: { branchPrefixes: 'strip' } as const, rules: DEFAULT_SUBJECT_RULES };
    const fromMarc = await runAudit({ ...common, holdings: join(DIR, 'holdings.mrc') });
    const fromList = await runAudit({ ...common, holdings: list });
    const strip = (r: typeof fromMarc) => findingsJson(r).findings.map((f) => `${f.code} ${f.file}:${f.line} ${f.inventoryNumber ?? ''}`);
    expect(fromList.counts.holdingsCopies).toBe(fromMarc.counts.holdingsCopies);
    expect(strip(fromList)).toEqual(strip(fromMarc));
    expect(fromList.withdrawals).toEqual(fromMarc.withdrawals);
  }, 60_000);
});
