import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarvestOutput } from '../src/job/harvest-output.js';
import { runCli, tempDir } from './helpers.js';

/**
 * An OAI-PMH repository of 30 items in pages of 10 whose pages hold all three
 * kinds of item, so a harvest writes the output and both side files: item 3
 * of each page has no metadata (a reject), item 7 is deleted. Under a path
 * `/gone-once…/oai` page 2 is an HTTP 404 the first time it is asked for: the
 * run stops after a checkpoint, and the next one resumes.
 */
const ITEMS = 30;
const PAGE = 10;

function item(i: number): string {
  const header = (status = '') => `<header${status}><identifier>oai:test:${i}</identifier><datestamp>2024-01-01</datestamp></header>`;
  if (i % PAGE === 3) return `<record>${header()}</record>`;
  if (i % PAGE === 7) return `<record>${header(' status="deleted"')}</record>`;
  return `<record>${header()}<metadata><record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">REC${i}</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Абай жолы ${i}</subfield></datafield></record></metadata></record>`;
}

function page(start: number): string {
  let body = '';
  for (let i = start; i < Math.min(ITEMS, start + PAGE); i++) body += item(i);
  const next = start + PAGE < ITEMS ? `t-${start + PAGE}` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate><request>x</request><ListRecords>${body}<resumptionToken completeListSize="${ITEMS}" cursor="${start}">${next}</resumptionToken></ListRecords></OAI-PMH>\n`;
}

let server: Server;
let base: string;
beforeAll(async () => {
  const asked = new Map<string, number>();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fault = url.pathname.split('/')[1] ?? 'normal';
    const start = Number(/(\d+)$/u.exec(url.searchParams.get('resumptionToken') ?? '')?.[1] ?? 0);
    const times = (asked.get(`${fault}${url.search}`) ?? 0) + 1;
    asked.set(`${fault}${url.search}`, times);
    const gone = fault.startsWith('gone-once') && start === PAGE && times === 1;
    const body = gone ? '<html>gone</html>' : page(start);
    res.writeHead(gone ? 404 : 200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

const harvest = (fault: string, out: string) => runCli(['harvest', 'oai', `${base}/${fault}/oai`, '-o', out, '--retries', '0']);
const SIDES = { output: '', 'rejects file': '.rejects.ndjson', 'file of deleted records': '.deleted.ndjson' } as const;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const statePath = (out: string): string => `${out}.harvest-state.json`;
const readState = (out: string) => JSON.parse(readFileSync(statePath(out), 'utf8')) as { kitapHarvestOutput: number; bytes: Record<string, number>; sha256?: Record<string, string> };

let runs = 0;
/** A harvest stopped after its first page (10 items: 8 records, 1 reject, 1 deleted) into a fresh folder. */
async function interrupted(ext: string): Promise<string> {
  const out = join(tempDir(), `resumed.${ext}`);
  const first = await harvest(`gone-once-${++runs}`, out);
  expect(first.code, first.stderr).toBe(2);
  return out;
}

/** Resumes the harvest that `interrupted` began (same URL, so the same identity). */
const resume = (out: string) => harvest(`gone-once-${runs}`, out);

/**
 * The three files of an uninterrupted harvest of the same URL (the rejects name
 * it), to compare with a resumed one: page 2's one 404 is spent by then.
 */
async function uninterrupted(ext: string): Promise<Buffer[]> {
  const out = join(tempDir(), `whole.${ext}`);
  expect((await harvest(`gone-once-${runs}`, out)).code).toBe(1);
  return Object.values(SIDES).map((side) => readFileSync(`${out}${side}`));
}

/** Changes one byte in the middle of a file, keeping its length. */
function flipByte(path: string): Buffer {
  const bytes = readFileSync(path);
  bytes[bytes.length >> 1]! ^= 0x01;
  writeFileSync(path, bytes);
  return bytes;
}

describe('kitap harvest checks the bytes of the files it resumes', () => {
  for (const ext of ['mrc', 'json']) {
    it(`resumes untouched .${ext} files (and a half-written page after the checkpoint) into the bytes of an uninterrupted harvest`, async () => {
      const out = await interrupted(ext);
      const state = readState(out);
      expect(state.kitapHarvestOutput).toBe(2);
      const [records, rejects, deleted] = Object.values(SIDES).map((side) => readFileSync(`${out}${side}`));
      expect(state.sha256).toEqual({ records: sha256(records!), rejects: sha256(rejects!), deleted: sha256(deleted!) });
      // A run killed while writing page 2 leaves bytes after the checkpoint: they are cut, not taken for a change.
      appendFileSync(out, 'half a page');
      appendFileSync(`${out}.rejects.ndjson`, '{"half');
      const run = await resume(out);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('resuming the harvest after 10 items');
      expect(run.stderr).not.toContain('warning');
      const whole = await uninterrupted(ext);
      Object.values(SIDES).forEach((side, i) => expect(readFileSync(`${out}${side}`), side || 'output').toEqual(whole[i]));
    });
  }

  for (const [what, side] of Object.entries(SIDES)) {
    it(`refuses to resume when one byte of the ${what} was changed, leaving the files as they are`, async () => {
      const out = await interrupted('mrc');
      const file = `${out}${side}`;
      const changed = flipByte(file);
      const state = readFileSync(statePath(out));
      const run = await resume(out);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `E_HARVEST_STATE at ${file}: the ${what} ${file} was changed since the harvest's last checkpoint (its bytes differ from what was harvested): delete ${statePath(out)} to harvest again from the start`,
      );
      expect(run.stderr).not.toContain('resuming');
      expect(readFileSync(file)).toEqual(changed);
      expect(readFileSync(statePath(out))).toEqual(state);
    });
  }

  it('resumes with the state of an older kitap (no digests), warning that the content could not be checked, and writes the digests from then on', async () => {
    const out = await interrupted('mrc');
    const older = readState(out);
    delete older.sha256;
    older.kitapHarvestOutput = 1;
    writeFileSync(statePath(out), `${JSON.stringify(older, null, 1)}\n`);
    const run = await resume(out);
    expect(run.code, run.stderr).toBe(1);
    for (const side of Object.values(SIDES)) {
      expect(run.stderr).toContain(`warning: the content of ${out}${side} could not be checked: its harvest state was written by an older kitap`);
    }
    const whole = await uninterrupted('mrc');
    Object.values(SIDES).forEach((side, i) => expect(readFileSync(`${out}${side}`), side || 'output').toEqual(whole[i]));
    const now = readState(out);
    expect(now.kitapHarvestOutput).toBe(2);
    expect(now.sha256?.records).toBe(sha256(readFileSync(out)));
  });

  it('refuses a state of a newer kitap, and one of this version whose digests are missing', async () => {
    const out = await interrupted('mrc');
    const state = readState(out);
    writeFileSync(statePath(out), JSON.stringify({ ...state, kitapHarvestOutput: 3 }));
    const newer = await resume(out);
    expect(newer.code).toBe(2);
    expect(newer.stderr).toContain('E_HARVEST_STATE at ' + statePath(out) + ': the harvest state file was written by a newer kitap (version 3)');
    writeFileSync(statePath(out), JSON.stringify({ ...state, sha256: undefined }));
    const damaged = await resume(out);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain('the harvest state file is damaged (the digests of its files are missing)');
  });
});

describe('HarvestOutput', () => {
  /** Some megabytes in pieces of 64 KiB: more than one chunk of the resume's hashing. */
  function fill(output: HarvestOutput, pieces: number, seed: number): void {
    for (let i = 0; i < pieces; i++) output.addRecord(Buffer.alloc(1 << 16, (seed + i) % 251));
  }

  it('hashes a file of several megabytes in chunks on resume, and the running hash goes on from the bytes kept', () => {
    const path = join(tempDir(), 'big.mrc');
    const first = new HarvestOutput(path, 'id');
    fill(first, 40, 1);
    first.save('t-1', 40);
    first.addRecord(Buffer.from('a half-written page'));
    first.close();

    const second = new HarvestOutput(path, 'id');
    expect(second.load()).toEqual({ token: 't-1', count: 40, finished: false });
    fill(second, 20, 7);
    second.save(undefined, 60);
    second.close();
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(60 << 16);
    const state = JSON.parse(readFileSync(`${path}.harvest-state.json`, 'utf8')) as { sha256: { records: string } };
    expect(state.sha256.records).toBe(sha256(bytes));

    bytes[(40 << 16) + 12_345]! ^= 0x80;
    writeFileSync(path, bytes);
    expect(() => new HarvestOutput(path, 'id')).toThrow(/the output .*big\.mrc was changed since the harvest's last checkpoint/u);
  });
});
