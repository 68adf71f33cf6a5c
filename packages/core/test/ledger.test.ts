import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile, Ledger } from '../src/index.js';

describe('Ledger', () => {
  it('balances when everything that came in went out, was rejected or filtered', () => {
    const ledger = new Ledger();
    const read = ledger.stage('read');
    read.in = 10;
    read.out = 7;
    read.rejected = 2;
    read.filtered = 1;
    expect(ledger.unbalanced()).toEqual([]);
    expect(ledger.toJSON().balanced).toBe(true);
    read.out = 6;
    expect(ledger.unbalanced()).toEqual(['read']);
    expect(ledger.format()[0]).toContain('NOT BALANCED');
  });

  it('checks money to the tiyn', () => {
    const ledger = new Ledger();
    const s = ledger.stage('copies');
    s.in = 2;
    s.out = 2;
    s.money = { in: 150_001, out: 150_000, rejected: 0, filtered: 0 };
    expect(ledger.unbalanced()).toEqual(['copies (money)']);
  });
});

describe('AtomicFile', () => {
  it('shows nothing until closed and leaves nothing when aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kitap-atomic-'));
    const path = join(dir, 'out.mrc');
    const file = new AtomicFile(path);
    await file.write('Абай');
    expect(readdirSync(dir).includes('out.mrc')).toBe(false);
    await file.close();
    expect(readFileSync(path, 'utf8')).toBe('Абай');

    const aborted = new AtomicFile(join(dir, 'other.mrc'));
    await aborted.write('x');
    await aborted.abort();
    expect(readdirSync(dir).sort()).toEqual(['out.mrc']);
  });

  it.runIf(existsSync('/dev/full'))('says E_OUTPUT naming the file when the device is full, not a bare system error', async () => {
    const file = new AtomicFile('/dev/full');
    let failure: unknown;
    try {
      await file.write(Buffer.alloc(1 << 16, 0x41));
      await file.close();
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ code: 'E_OUTPUT', place: { file: '/dev/full' } });
    expect((failure as Error).message).toMatch(/cannot write the file/);
  });
});
