import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StageDisplay } from '../src/job/stage-display.js';

describe('the progress of kitap migrate', () => {
  it('on a terminal draws a bar per stage with count, rate and ETA, then the stage summary', async () => {
    const stream = new PassThrough();
    let drawn = '';
    stream.on('data', (c: Buffer) => (drawn += c.toString('utf8')));
    const lines: string[] = [];
    const display = new StageDisplay((l) => lines.push(l), true, stream);
    display.start('clean', 'records', 2980);
    await new Promise((r) => setTimeout(r, 50));
    display.update(1024);
    await new Promise((r) => setTimeout(r, 250));
    display.finish('clean', '173 of 2980 records fixed automatically');
    expect(drawn).toMatch(/clean\s+\S+ 1024\/2980 records \| [\d,]+\/s \| ETA \d+s/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[clean\] 173 of 2980 records fixed automatically \(\d+\.\d s\)$/);
  });

  it('in a log writes one plain line when a stage starts and one when it ends, and says when a stage was skipped', () => {
    const lines: string[] = [];
    const display = new StageDisplay((l) => lines.push(l), false);
    display.start('convert', 'records', 2985);
    display.update(1024);
    display.finish('convert', 'read 2985 records');
    display.skip('clean', '173 fixed');
    expect(lines[0]).toBe('[convert] started (2,985 records)');
    expect(lines[1]).toMatch(/^\[convert\] read 2985 records \(\d+\.\d s\)$/);
    expect(lines[2]).toBe('[clean] already done, inputs unchanged: 173 fixed');
  });
});

describe('the progress of a long run (kitap rabis)', () => {
  it('in a log also writes a plain line with count, total, rate and ETA at most every logEveryMs', () => {
    const lines: string[] = [];
    let now = 1_000_000;
    const display = new StageDisplay((l) => lines.push(l), false, undefined, { logEveryMs: 30_000, now: () => now });
    display.start('delivering', 'records', 2000);
    now += 10_000;
    display.update(400);
    now += 20_000;
    display.update(1200);
    now += 5_000;
    display.update(1300);
    now += 1_000;
    display.finish('delivering', '2000 of 2000 records answered');
    expect(lines).toEqual([
      '[delivering] started (2,000 records)',
      '[delivering] 1,200/2,000 records (40/s, ETA 20 s)',
      '[delivering] 2000 of 2000 records answered (36.0 s)',
    ]);
  });

  it('on a terminal shows an unknown ETA as "?", and clears the bar\'s line before a message', async () => {
    const stream = new PassThrough();
    let drawn = '';
    stream.on('data', (c: Buffer) => (drawn += c.toString('utf8')));
    const lines: string[] = [];
    const display = new StageDisplay((l) => lines.push(l), true, stream);
    display.start('verifying', 'copies', 3925);
    await new Promise((r) => setTimeout(r, 50));
    expect(drawn).toMatch(/verifying \S+ 0\/3925 copies \| 0\/s \| ETA \?/);
    display.log('warn: copy lookup: HTTP 500; retry 1 of 5 in 278 ms');
    await new Promise((r) => setImmediate(r));
    expect(drawn.endsWith('\r\x1b[K')).toBe(true);
    display.abort();
    expect(lines).toEqual(['warn: copy lookup: HTTP 500; retry 1 of 5 in 278 ms']);
  });
});
