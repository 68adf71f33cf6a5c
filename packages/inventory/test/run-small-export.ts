import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dedupConfigSchema } from '@kitap/dedup';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { parse } from 'csv-parse/sync';
import { afterAll } from 'vitest';
import { type InventoryResult, type MappingInput, parseMapping, runInventory } from '../src/index.js';

/** A folder for the test file's exports and outputs, removed after its tests. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kitap-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `kitap inventory` on an export written from `bytes` (MARC21, 852/876, the Karaganda directory). */
export async function runSmallExport(dir: string, name: string, bytes: Uint8Array | string, mapping: MappingInput = {}): Promise<{ result: InventoryResult; out: string; rejects: string[][] }> {
  const input = join(dir, name);
  writeFileSync(input, bytes);
  const out = join(dir, `${name}.out`);
  const result = await runInventory({
    input,
    out,
    mapping: parseMapping(mapping),
    layout: '852/876',
    flavour: 'marc21',
    branches: BranchDirectory.fromJson(KARAGANDA_CBS),
    dedup: dedupConfigSchema.parse({}),
  });
  const rejects = parse(readFileSync(join(out, 'rejects.csv'), 'utf8').replace(/^\ufeff/, '')) as string[][];
  return { result, out, rejects: rejects.slice(1) };
}
