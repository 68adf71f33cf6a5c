import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIso2709All } from '@kitap/marc';
import { startStandIn } from '@kitap/rabis';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const MARC = 'fixtures/sample/catalog-utf8.mrc';

async function records(path: string): Promise<string[]> {
  const items = await readIso2709All(readFileSync(path));
  return items.flatMap((i) => (i.kind === 'record' ? [i.record.controlValue('001') ?? ''] : []));
}

describe('kitap harvest', () => {
  it('harvests every record of an OAI-PMH repository once, through a refused resumption token and 500s, and a re-run adds nothing', async () => {
    const server = await startStandIn({ marc: MARC, faults: 'error500=10%,seed=3', sruOai: { pageSize: 25, faults: { badResumptionTokenOnce: true } } });
    try {
      const out = join(tempDir(), 'harvest.mrc');
      const first = await runCli(['harvest', 'oai', `${server.url}/oai`, '-o', out, '--retries', '8']);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/harvested 200 items = written 200 \+ rejected 0 \+ deleted at the source 0 \(balanced\)/);
      const ids = await records(out);
      expect(ids).toHaveLength(200);
      expect(new Set(ids).size).toBe(200);
      const again = await runCli(['harvest', 'oai', `${server.url}/oai`, '-o', out]);
      expect(again.stderr).toContain('resuming the harvest after 200 items (it had finished)');
      expect(await records(out)).toEqual(ids);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('harvests an SRU query page by page', async () => {
    const server = await startStandIn({ marc: MARC });
    try {
      const out = join(tempDir(), 'sru.mrc');
      const run = await runCli(['harvest', 'sru', `${server.url}/sru`, '--query', 'cql.allRecords=1', '--page', '30', '-o', out]);
      expect(run.code, run.stderr).toBe(0);
      expect(await records(out)).toHaveLength(200);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('writes MARCXML when the output is .xml, once complete even when run again', async () => {
    const server = await startStandIn({ marc: MARC });
    try {
      const out = join(tempDir(), 'h.xml');
      await runCli(['harvest', 'oai', `${server.url}/oai`, '-o', out]);
      await runCli(['harvest', 'oai', `${server.url}/oai`, '-o', out]);
      const xml = readFileSync(out, 'utf8');
      expect(xml.match(/<record[ >]/g)).toHaveLength(200);
      expect(xml.match(/<\/collection>/g)).toHaveLength(1);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('refuses to resume into an output that belongs to another harvest', async () => {
    const server = await startStandIn({ marc: MARC });
    try {
      const out = join(tempDir(), 'h.mrc');
      await runCli(['harvest', 'oai', `${server.url}/oai`, '-o', out]);
      const other = await runCli(['harvest', 'oai', `${server.url}/oai`, '--from', '2024-01-01', '-o', out]);
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('E_HARVEST_STATE');
    } finally {
      await server.close();
    }
  }, 60_000);
});
