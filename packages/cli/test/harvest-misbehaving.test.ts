import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';
import { type MisbehavingOai, startMisbehavingOai } from './misbehaving-oai.js';

let oai: MisbehavingOai;
beforeAll(async () => {
  oai = await startMisbehavingOai();
});
afterAll(async () => {
  await oai.close();
});

const harvest = (fault: string, out: string, ...more: string[]) => runCli(['harvest', 'oai', oai.url(fault), '-o', out, '--retries', '0', ...more]);

describe('kitap harvest against a repository that misbehaves', () => {
  it('stops at a page the connection cut off, and a re-run continues from the last complete page', async () => {
    const out = join(tempDir(), 'cut.mrc');
    const run = await harvest('cut', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_HARVEST_RESPONSE: http:\/\/127\.0\.0\.1:\d+\/cut\/oai\?verb=ListRecords&resumptionToken=t-10: the answer is cut off/);
    const state = JSON.parse(readFileSync(`${out}.harvest-state.json`, 'utf8')) as { finished: boolean; count: number };
    expect(state).toMatchObject({ finished: false, count: 10 });
  });

  it('stops at a page whose list element is never closed, even when the page ends with </OAI-PMH>', async () => {
    const run = await harvest('unclosed-list', join(tempDir(), 'unclosed.mrc'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_HARVEST_RESPONSE: .*its <ListRecords> element is never closed/);
  });

  it('stops when the resumption tokens go round in a circle', async () => {
    const run = await harvest('cycle', join(tempDir(), 'cycle.mrc'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_HARVEST_RESPONSE: .*gave back the resumption token "t-10" of an earlier page \(after 30 items\)/);
  });

  it('stops when a list it has begun answers noRecordsMatch', async () => {
    const run = await harvest('no-records-later', join(tempDir(), 'later.mrc'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_HARVEST_RESPONSE: .*noRecordsMatch to the resumption token "t-10" after 10 items/);
  });

  it('warns when the list ends before the size the repository announced', async () => {
    const run = await harvest('short', join(tempDir(), 'short.mrc'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: the repository announced 30 records (completeListSize) but the list ended after 20');
    const whole = await harvest('normal', join(tempDir(), 'whole.mrc'));
    expect(whole.stderr).not.toContain('warning');
  });

  for (const ext of ['json', 'mrk', 'xml', 'mrc']) {
    it(`resumes a .${ext} harvest into the same bytes an uninterrupted one writes`, async () => {
      const dir = tempDir();
      const whole = join(dir, `whole.${ext}`);
      expect((await harvest('normal', whole)).code).toBe(0);
      const resumed = join(dir, `resumed.${ext}`);
      const first = await harvest(`gone-once-${ext}`, resumed);
      expect(first.code).toBe(2);
      const second = await harvest(`gone-once-${ext}`, resumed);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toContain('resuming the harvest after 10 items');
      expect(readFileSync(resumed)).toEqual(readFileSync(whole));
      if (ext === 'json') expect((JSON.parse(readFileSync(resumed, 'utf8')) as unknown[]).length).toBe(30);
    });
  }

  it('refuses to resume when the output the state speaks of was deleted', async () => {
    const out = join(tempDir(), 'deleted.mrc');
    expect((await harvest('gone-once-deleted', out)).code).toBe(2);
    rmSync(out);
    const run = await harvest('gone-once-deleted', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_HARVEST_STATE at .*deleted\.mrc: the output is missing/);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves no empty rejects or deleted file behind, and no lock', async () => {
    const out = join(tempDir(), 'clean.mrc');
    expect((await harvest('normal', out)).code).toBe(0);
    for (const side of ['.rejects.ndjson', '.deleted.ndjson', '.harvest.lock']) expect(existsSync(`${out}${side}`), side).toBe(false);
  });

  it('refuses to harvest into an output another harvest is writing', async () => {
    const out = join(tempDir(), 'busy.mrc');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(`${out}.harvest.lock`, `${other.pid}\n`);
      const run = await harvest('normal', out);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/another kitap harvest \(process \d+\) is working on this output/);
      expect(existsSync(out)).toBe(false);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.on('exit', r));
    }
  });

  it('refuses --from after --until', async () => {
    const run = await harvest('normal', join(tempDir(), 'dates.mrc'), '--from', '2024-01-01', '--until', '2023-01-01');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('E_USAGE: --from 2024-01-01 is after --until 2023-01-01');
  });

  it('leaves an existing output as it was when the run stops before its first page', async () => {
    const out = join(tempDir(), 'precious.mrc');
    writeFileSync(out, 'x'.repeat(5000));
    const run = await harvest('normal', out, '--from', '2024-13-01');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('E_USAGE');
    expect(readFileSync(out, 'utf8')).toBe('x'.repeat(5000));
  });
});
