import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startStandIn } from '../../src/stand-in/start-stand-in.js';
import { call } from './stand-in-http.js';

// Until @kitap/harvest's index exports createSruOaiHandler, take it from its source file.

const marc = fileURLToPath(new URL('../../../../fixtures/sample/catalog-utf8.mrc', import.meta.url));

describe('SRU and OAI-PMH over a MARC file', () => {
  it('serves /sru and /oai beside the Web-RABIS routes', async () => {
    const s = await startStandIn({ marc });
    try {
      const sru = await call(s.url, 'GET', `/sru?operation=searchRetrieve&version=1.2&query=${encodeURIComponent('cql.allRecords=1')}&maximumRecords=2&recordSchema=marcxml`);
      expect(sru.status).toBe(200);
      expect(sru.text).toMatch(/<(\w+:)?numberOfRecords>\d+</);
      const oai = await call(s.url, 'GET', '/oai?verb=Identify');
      expect(oai.status).toBe(200);
      expect(oai.text).toContain('<Identify>');
      expect((await call(s.url, 'GET', '/version')).json.standIn).toBe(true);
      expect(s.banner()).toContain(`OAI-PMH ${s.url}/oai over ${marc}`);
    } finally {
      await s.close();
    }
  });

  it('injects its faults into SRU and OAI-PMH requests too', async () => {
    const s = await startStandIn({ marc, faults: 'error500=100%' });
    try {
      expect((await call(s.url, 'GET', '/oai?verb=Identify')).status).toBe(500);
    } finally {
      await s.close();
    }
  });

  it('does not start when the MARC file cannot be read', async () => {
    await expect(startStandIn({ marc: `${marc}.missing` })).rejects.toMatchObject({ code: 'E_INPUT' });
  });
});
