import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openTable } from '../src/sources/open-table.js';
import { unlessStalled } from '../src/sources/stall-guard.js';
import { collect, tempDir } from './sources/helpers.js';

const WORKBOOK = readFileSync(fileURLToPath(new URL('../../../fixtures/inventory/export.xlsx', import.meta.url)));
const dir = tempDir('xlsx-cut');

describe('an XLSX workbook cut short', () => {
  // 150,000 and 250,000 bytes are where exceljs's stream used to wait forever (exit 13, no message).
  it.each([1000, 50_000, 150_000, 250_000, WORKBOOK.length - 10])('is an E_INPUT error naming the file when cut at %i bytes', async (size) => {
    const path = dir.write(`cut-${size}.xlsx`, WORKBOOK.subarray(0, size));
    const table = await openTable(path);
    await expect(collect(table.rows)).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringContaining(`${join(path)}: the zip archive is incomplete`) });
  });

  it('is still read whole when it is not cut', async () => {
    const table = await openTable(dir.write('whole.xlsx', WORKBOOK));
    expect((await collect(table.rows)).length).toBeGreaterThan(100);
  });
});

describe('unlessStalled', () => {
  it('passes a settled value through and rejects with the given error when the process would exit waiting', async () => {
    const listeners = process.listenerCount('beforeExit');
    await expect(unlessStalled(Promise.resolve(7), () => new Error('stalled'))).resolves.toBe(7);
    const pending = unlessStalled(new Promise<never>(() => undefined), () => new Error('stalled'));
    process.emit('beforeExit', 0);
    await expect(pending).rejects.toThrow('stalled');
    expect(process.listenerCount('beforeExit')).toBe(listeners);
  });
});
