import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@kitap/store';
import { afterAll, describe, expect, it } from 'vitest';
import { BranchDirectory, InventoryNumberRegistry, KARAGANDA_CBS, parseInventoryNumber, type InventoryPlace } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kitap-registry-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const strip = { branchPrefixes: 'strip' } as const;
function key(raw: string): string {
  const r = parseInventoryNumber(raw, strip);
  if (!r.ok) throw new Error(r.reason);
  return r.value.key;
}

describe('InventoryNumberRegistry', () => {
  it('report every number used twice, with both places, ordered by key', () => {
    const registry = InventoryNumberRegistry.open();
    const rows: [string, InventoryPlace][] = [
      ['48213', { file: 'export.csv', line: 12, label: 'Ф-л №4, Мұқанов С. «Ботакөз»' }],
      ['51890', { file: 'export.csv', line: 13, label: '№15 д., Волков А. «Волшебник Изумрудного города»' }],
      ['0048213', { file: 'export.csv', line: 40, label: '№15 д., Әуезов М. «Абай жолы»' }],
      ['ЦГБ-48214', { file: 'export.csv', line: 41, label: 'ЦГБ, Есенберлин І. «Көшпенділер»' }],
      ['48214', { file: 'catalog.mrc', index: 7, recordId: '000100008', tag: '876', label: 'Толстой Л. «Война и мир»' }],
      ['12345а', { file: 'export.csv', line: 42 }],
      ['12345', { file: 'export.csv', line: 43 }],
    ];
    for (const [raw, place] of rows) registry.add(key(raw), place);
    expect(registry.count).toBe(7);
    expect([...registry.collisions()]).toEqual([
      { key: '48213', places: [rows[0]![1], rows[2]![1]] },
      { key: '48214', places: [rows[3]![1], rows[4]![1]] },
    ]);
    registry.close();
  });

  it('a number used n times is one collision listing all n places in the order added', () => {
    const registry = InventoryNumberRegistry.open();
    for (let i = 0; i < 5; i++) registry.add('50101', { line: 100 + i });
    registry.add('50100', { line: 1 });
    registry.add('50102', { line: 2 });
    const found = [...registry.collisions()];
    expect(found).toHaveLength(1);
    expect(found[0]!.places.map((p) => p.line)).toEqual([100, 101, 102, 103, 104]);
    expect(registry.places('50101')).toHaveLength(5);
    expect(registry.places('50100')).toEqual([{ line: 1 }]);
    expect(registry.places('99999')).toEqual([]);
    registry.close();
  });

  it('many keys: only the repeated ones come back, in key order', () => {
    const registry = InventoryNumberRegistry.open();
    for (let n = 0; n < 30_000; n++) registry.add(String(100_000 + n), { index: n });
    for (let n = 29_000; n >= 0; n -= 1000) registry.add(String(100_000 + n), { index: 30_000 + n });
    const found = [...registry.collisions()];
    expect(found.map((c) => c.key)).toEqual(Array.from({ length: 30 }, (_, i) => String(100_000 + i * 1000)));
    expect(found.every((c) => c.places.length === 2 && c.places[0]!.index! < c.places[1]!.index!)).toBe(true);
    expect(registry.count).toBe(30_030);
    registry.close();
  });

  it('a file registry writes to disk as it goes and can be reopened to check the next export', () => {
    const path = join(dir, 'numbers.sqlite');
    const registry = InventoryNumberRegistry.open(path);
    for (let n = 0; n < 10_000; n++) registry.add(String(n + 1), { line: n + 2 });
    // Rows reach the file in batches before the end, so memory does not hold them all.
    const reader = openDatabase(path);
    const onDisk = (reader.db.prepare('SELECT COUNT(*) AS n FROM inventory_numbers').get() as { n: number }).n;
    reader.close();
    expect(onDisk).toBeGreaterThanOrEqual(8000);
    expect(onDisk).toBeLessThan(10_000);
    registry.close();

    const again = InventoryNumberRegistry.open(path);
    expect(again.count).toBe(10_000);
    again.add('77', { file: 'second.csv', line: 5 });
    expect([...again.collisions()]).toEqual([{ key: '77', places: [{ line: 78 }, { file: 'second.csv', line: 5 }] }]);
    again.close();
  });

  it('keys from the branch directory: CGB-48213 and ЦГБ-48213 collide, F04-48213 does not', () => {
    const karaganda = BranchDirectory.fromJson(KARAGANDA_CBS);
    const registry = InventoryNumberRegistry.open();
    for (const [raw, line] of [['ЦГБ-48213', 1], ['Ф4/48213', 2], ['CGB-048213', 3]] as const) {
      const r = parseInventoryNumber(raw, undefined, karaganda);
      if (!r.ok) throw new Error(r.reason);
      registry.add(r.value.key, { line });
    }
    expect([...registry.collisions()]).toEqual([{ key: 'CGB-48213', places: [{ line: 1 }, { line: 3 }] }]);
    registry.close();
  });
});
