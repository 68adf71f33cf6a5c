/**
 * What a user sees when an output cannot be written, and what a killed run leaves behind.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, sampleRecord, tempDir } from './helpers.js';

/** A process id that is surely not running (the kernel's limit is below it). */
const GONE_PID = 4_194_999;

describe('standard output on a full device (> /dev/full)', () => {
  const file = join(tempDir(), 'in.mrc');
  writeFileSync(file, Buffer.concat(Array.from({ length: 40 }, (_, n) => Buffer.from(writeIso2709(sampleRecord(n))))));
  for (const args of [['convert', file, '-o', '-'], ['dump', file], ['lint', file], ['info', file], ['info', file, '--format', 'json']]) {
    it.runIf(existsSync('/dev/full'))(`kitap ${args[0]} ${args.slice(2).join(' ')}: E_OUTPUT naming standard output, exit 2, no stack trace`, () => {
      const full = openSync('/dev/full', 'w');
      try {
        const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], env: { ...process.env, KITAP_NO_PROGRESS: '1' } });
        const stderr = run.stderr.toString('utf8');
        expect(run.status).toBe(2);
        expect(stderr).toContain('kitap: E_OUTPUT at -: cannot write to standard output: no space left on the device');
        expect(stderr).not.toMatch(/E_INTERNAL|\n\s+at /);
        expect(stderr.match(/E_OUTPUT/g)).toHaveLength(1);
      } finally {
        closeSync(full);
      }
    });
  }
});

describe('standard output closed by its reader (kitap convert -o - | head)', () => {
  it('ends quietly with exit 0 and leaves none of the temporary files it was writing', () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    // large enough that the pipe is closed long before the end
    writeFileSync(input, Buffer.concat(Array.from({ length: 4000 }, (_, n) => Buffer.from(writeIso2709(sampleRecord(n))))));
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" convert in.mrc -o - | head -c 10 > /dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: dir, env: { ...process.env, KITAP_NO_PROGRESS: '1' }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('0\n');
    expect(readdirSync(dir).sort()).toEqual(['in.mrc']);
  });
});

describe('kitap convert after a killed run', () => {
  it('removes the temporary files a killed run left beside its outputs, and only those', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    writeFileSync(input, writeIso2709(sampleRecord(1)));
    const out = join(dir, 'out.mrc');
    const left = [`.out.mrc.${GONE_PID}.0a1b2c3d.tmp`, `.out.mrc.rejects.ndjson.${GONE_PID}.1a2b3c4d.tmp`, `.out.mrc.warnings.ndjson.${GONE_PID}.2a3b4c5d.tmp`];
    // a running process's file (this one's) and another file's leftover stay
    const kept = [`.out.mrc.${process.pid}.3a4b5c6d.tmp`, `.other.mrc.${GONE_PID}.4a5b6c7d.tmp`];
    for (const name of [...left, ...kept]) writeFileSync(join(dir, name), 'half');
    const run = await runCli(['convert', input, '-o', out]);
    expect(run.code).toBe(0);
    const names = readdirSync(dir);
    for (const name of left) expect(names, name).not.toContain(name);
    for (const name of kept) expect(names, name).toContain(name);
  });
});
