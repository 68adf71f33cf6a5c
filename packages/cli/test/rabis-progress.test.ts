import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Leader, MarcRecord, controlField, dataField, subfields, writeIso2709 } from '@kitap/marc';
import { type StandIn, startStandIn } from '@kitap/rabis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPull, runPush, runVerify } from '../src/commands/rabis-job.js';
import type { Io } from '../src/io.js';
import { StageDisplay } from '../src/job/stage-display.js';
import { tempDir } from './helpers.js';

const TITLES = ['Абай жолы', 'Көшпенділер', 'Война и мир', 'Қан мен тер'];
const LIBRARIES = ['F04', 'ЦГБ', '№11 д.', 'D15'];

/** ISO2709 records with one copy each in the customer's 949 ($a library, $i inventory number). */
function mrc(count: number): Buffer {
  return Buffer.concat(
    Array.from({ length: count }, (_, n) =>
      writeIso2709(
        new MarcRecord(Leader.DEFAULT, [
          controlField('001', `PRG-${String(n).padStart(5, '0')}`),
          dataField('245', '1', '0', subfields('a', `${TITLES[n % TITLES.length]!} ${n} /`)),
          dataField('949', ' ', ' ', subfields('a', LIBRARIES[n % LIBRARIES.length]!, 'i', String(500_000 + n))),
        ]),
      ),
    ),
  );
}

/** web-rabis.jsonl records with one copy each. */
function jsonl(count: number): string {
  return Array.from({ length: count }, (_, n) =>
    JSON.stringify({ title: `${TITLES[n % TITLES.length]!} ${n}`, inv: [{ invNumber: String(600_000 + n), department: { code: 'F04' } }], kitap: { controlNumber: `PRJ-${n}` } }),
  ).join('\n');
}

/** The display's own lines (the client's "info: signing in…" left out). */
function own(lines: string[]): string[] {
  return lines.filter((l) => l.startsWith('['));
}

/** A display that draws into a stream, as on a terminal, and what it drew. */
function terminal(): { display: StageDisplay; drawn: () => string; lines: string[] } {
  const stream = new PassThrough();
  let drawn = '';
  stream.on('data', (c: Buffer) => (drawn += c.toString('utf8')));
  const lines: string[] = [];
  return { display: new StageDisplay((l) => lines.push(l), true, stream), drawn: () => drawn, lines };
}

function io(): Io & { errors: string[] } {
  const errors: string[] = [];
  return { out: () => undefined, err: (l) => void errors.push(l), exitCode: 0, errors };
}

let server: StandIn;
let dir: string;
beforeAll(async () => {
  dir = tempDir();
  const data = join(dir, 'preloaded.jsonl');
  writeFileSync(data, jsonl(200));
  server = await startStandIn({ data, faults: 'latency=20-40ms,seed=5' });
  process.env.KITAP_RABIS_USERNAME = 'kitap';
  process.env.KITAP_RABIS_PASSWORD = 'kitap';
});
afterAll(async () => {
  delete process.env.KITAP_RABIS_USERNAME;
  delete process.env.KITAP_RABIS_PASSWORD;
  await server.close();
});

describe('progress bars of kitap rabis on a terminal', () => {
  it('push: a bar over the records this run delivers, with rate and ETA, then the summary', async () => {
    const input = join(dir, 'records.mrc');
    writeFileSync(input, mrc(300));
    const { display, drawn, lines } = terminal();
    const code = await runPush({ input, url: server.url, batchSize: '10' }, io(), display);
    expect(code).toBe(0);
    expect(drawn()).toMatch(/delivering \S+ 0\/300 records \| 0\/s \| ETA \?/);
    expect(drawn()).toMatch(/delivering \S+ [1-9]\d*\/300 records \| [\d,]+\/s \| ETA \d+s/);
    expect(own(lines)[0]).toMatch(/^\[delivering\] 300 of 300 records answered in 30 import requests \(\d+\.\d s\)$/);
    // Resumed: nothing left to deliver, the bar ends at once.
    const again = terminal();
    expect(await runPush({ input, url: server.url }, io(), again.display)).toBe(0);
    expect(own(again.lines)[0]).toMatch(/^\[delivering\] 0 of 0 records answered in 0 import requests/);
  });

  it('verify: a bar over the copies to check', async () => {
    const input = join(dir, 'web-rabis.jsonl');
    writeFileSync(input, jsonl(200));
    const { display, drawn, lines } = terminal();
    expect(await runVerify({ input, url: server.url }, io(), display)).toBe(0);
    expect(drawn()).toMatch(/verifying \S+ [1-9]\d*\/200 copies \| [\d,]+\/s \| ETA \d+s/);
    expect(own(lines)[0]).toMatch(/^\[verifying\] 200 of 200 copies where they belong, 0 missing, 0 misplaced/);
  });

  it('pull: a bar once the search says how many it found', async () => {
    const { display, drawn, lines } = terminal();
    expect(await runPull({ url: server.url, query: 'Абай жолы', out: join(dir, 'abai.jsonl') }, io(), display)).toBe(0);
    // 50 preloaded «Абай жолы» and 75 pushed; pages of 100.
    expect(drawn()).toMatch(/pulling\s+\S+ (0|100|125)\/125 records/);
    expect(own(lines)[0]).toMatch(/^\[pulling\] 125 records/);
  });
});

describe('kitap rabis pull -o -', () => {
  it('writes the JSON lines to standard output, the same as to a file, and says so on stderr', async () => {
    let stdout = '';
    const errors: string[] = [];
    const console: Io = { out: (t) => void (stdout += t), err: (l) => void errors.push(l), exitCode: 0 };
    expect(await runPull({ url: server.url, query: 'Абай жолы', out: '-' }, console)).toBe(0);
    const file = join(dir, 'abai-file.jsonl');
    expect(await runPull({ url: server.url, query: 'Абай жолы', out: file }, io())).toBe(0);
    expect(stdout).toBe(readFileSync(file, 'utf8'));
    expect(stdout.trim().split('\n')).toHaveLength(125);
    expect(errors.at(-1)).toBe('wrote 125 records to standard output');
    expect(existsSync(join(process.cwd(), '-'))).toBe(false);
  });
});

describe('progress of kitap rabis in a log', () => {
  it('writes a plain line when the run starts and one when it ends', async () => {
    const input = join(dir, 'more.mrc');
    writeFileSync(input, mrc(20));
    const out = io();
    const lines: string[] = [];
    expect(await runPush({ input, url: server.url, log: join(dir, 'more.sqlite') }, out, new StageDisplay((l) => lines.push(l), false))).toBe(0);
    expect(own(lines)[0]).toBe('[delivering] started (20 records)');
    expect(own(lines)[1]).toMatch(/^\[delivering\] 20 of 20 records answered in 1 import requests/);
  });
});
