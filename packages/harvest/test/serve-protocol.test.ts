import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { request } from 'undici';
import { matchesCql, parseCql } from '../src/serve/cql-subset.js';
import { isbnKey } from '../src/serve/match-keys.js';
import type { ServedRecord } from '../src/serve/served-catalog.js';
import { foldText } from '../src/serve/match-keys.js';
import { writeGeneratedCatalog } from './generated-catalog.js';
import { type LocalStandIn, startStandIn } from './stand-in-server.js';

function served(title: string, author: string, isbn: string): ServedRecord {
  return { position: 1, identifier: 'oai:kitap:1', datestamp: '2024-01-01', sets: ['marc21'], deleted: false, xml: '', titles: [foldText(title)], authors: [foldText(author)], isbns: [isbnKey(isbn)!] };
}

describe('the CQL subset of the stand-in', () => {
  const abai = served('Абай жолы. Кітап 1', 'Әуезов, Мұхтар', '978-601-03-0012-5');
  const war = served('Война и мир : роман-эпопея', 'Толстой, Лев Николаевич', '5-7667-0045-8');

  it('finds by title words, any order and case, ё as е', () => {
    expect(matchesCql(abai, parseCql('title="жолы абай"'))).toBe(true);
    expect(matchesCql(war, parseCql('dc.title="ВОЙНА И МИР"'))).toBe(true);
    expect(matchesCql(served('Ёлка', 'Чуковский, К.', '5-08-000001-4'), parseCql('title=елка'))).toBe(true);
    expect(matchesCql(abai, parseCql('title="Абай жолы" and author=Толстой'))).toBe(false);
  });

  it('keeps Kazakh letters apart from their Russian look-alikes', () => {
    expect(matchesCql(abai, parseCql('author=Әуезов'))).toBe(true);
    expect(matchesCql(abai, parseCql('author=Ауезов'))).toBe(false);
  });

  it('truncates with * and tells =, any and == apart', () => {
    expect(matchesCql(war, parseCql('author=Толст*'))).toBe(true);
    expect(matchesCql(war, parseCql('title any "мир покой"'))).toBe(true);
    expect(matchesCql(war, parseCql('title all "мир покой"'))).toBe(false);
    expect(matchesCql(war, parseCql('title=="война и мир"'))).toBe(false);
    expect(matchesCql(war, parseCql('title=="Война и мир : роман-эпопея"'))).toBe(true);
  });

  it('takes a bare term as title or author, and cql.allRecords=1 as everything', () => {
    expect(matchesCql(abai, parseCql('Әуезов'))).toBe(true);
    expect(matchesCql(war, parseCql('"война"'))).toBe(true);
    expect(matchesCql(war, parseCql('cql.allRecords=1'))).toBe(true);
  });

  it('finds an ISBN-10 under its ISBN-13 and the other way round', () => {
    expect(matchesCql(war, parseCql('isbn=978-5-7667-0045-6'))).toBe(true);
    expect(matchesCql(abai, parseCql('isbn=9786010300125'))).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (digits) => {
        const nine = digits.join('');
        const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
        const check = (11 - (sum % 11)) % 11;
        const isbn10 = `${nine}${check === 10 ? 'X' : check}`;
        const key = isbnKey(isbn10)!;
        expect(key.slice(0, 12)).toBe(`978${nine}`);
        expect(isbnKey(key)).toBe(key);
        // the check digit of the 13-digit form is right
        const total = [...key].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
        expect(total % 10).toBe(0);
      }),
    );
  });
});

describe('the OAI-PMH and SRU endpoints of the stand-in', () => {
  let catalog: ReturnType<typeof writeGeneratedCatalog>;
  let stand: LocalStandIn;
  beforeAll(async () => {
    catalog = writeGeneratedCatalog({ records: 30, deletedEvery: 10 });
    stand = await startStandIn(catalog.file, { pageSize: 12 });
  });
  afterAll(async () => {
    await stand.close();
    catalog.remove();
  });

  async function get(path: string): Promise<{ status: number; body: string }> {
    const response = await request(`${stand.base}${path}`);
    return { status: response.statusCode, body: await response.body.text() };
  }

  const oaiErrors: [string, string, string][] = [
    ['no verb', '/oai', 'badVerb'],
    ['an unknown verb', '/oai?verb=ListAll', 'badVerb'],
    ['a missing metadataPrefix', '/oai?verb=ListRecords', 'badArgument'],
    ['an argument beside the token', '/oai?verb=ListRecords&resumptionToken=eyJvIjoxMiwibSI6Im1hcmMyMSJ9&set=marc21', 'badArgument'],
    ['a repeated argument', '/oai?verb=ListRecords&metadataPrefix=marc21&metadataPrefix=marcxml', 'badArgument'],
    ['a date with seconds', '/oai?verb=ListRecords&metadataPrefix=marc21&from=2020-01-01T00:00:00Z', 'badArgument'],
    ['from after until', '/oai?verb=ListRecords&metadataPrefix=marc21&from=2021-01-01&until=2020-01-01', 'badArgument'],
    ['Dublin Core', '/oai?verb=ListRecords&metadataPrefix=oai_dc', 'cannotDisseminateFormat'],
    ['a forged token', '/oai?verb=ListRecords&resumptionToken=not-ours', 'badResumptionToken'],
    ['an unknown identifier', '/oai?verb=GetRecord&identifier=oai:kitap:X&metadataPrefix=marc21', 'idDoesNotExist'],
    ['an empty range', '/oai?verb=ListIdentifiers&metadataPrefix=marc21&from=2029-01-01', 'noRecordsMatch'],
  ];
  for (const [what, path, code] of oaiErrors) {
    it(`answers ${what} with ${code}`, async () => {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      expect(body).toContain(`<error code="${code}">`);
    });
  }

  it('lists identifiers page by page, deleted ones marked', async () => {
    const first = await get('/oai?verb=ListIdentifiers&metadataPrefix=marc21');
    expect(first.body.match(/<header/g)).toHaveLength(12);
    expect(first.body).toContain('<header status="deleted"><identifier>oai:kitap:KRG000009</identifier><datestamp>2020-01-10</datestamp><setSpec>marc21</setSpec></header>');
    const token = /<resumptionToken completeListSize="30" cursor="0">([^<]+)<\/resumptionToken>/.exec(first.body)?.[1];
    expect(token).toBeDefined();
    const last = await get(`/oai?verb=ListIdentifiers&resumptionToken=${token}`);
    expect(last.body).toContain('cursor="12"');
  });

  it('takes OAI-PMH requests by POST too', async () => {
    const response = await request(`${stand.base}/oai`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'verb=Identify' });
    const body = await response.body.text();
    expect(body).toContain('<Identify><repositoryName>kitap test stand-in (not Web-RABIS)');
    expect(body).toContain(`<baseURL>${stand.base}/oai</baseURL>`);
  });

  it('leaves other paths to the server it is mounted in', async () => {
    expect((await get('/api/v1/version')).status).toBe(404);
  });

  it('answers an SRU request without a query with diagnostic 7, and an unknown schema with 66', async () => {
    expect((await get('/sru?operation=searchRetrieve&version=1.2')).body).toContain('<diag:uri>info:srw/diagnostic/1/7</diag:uri>');
    expect((await get('/sru?version=2.0&query=cql.allRecords%3D1&recordSchema=dc')).body).toContain('<diag:uri>info:srw/diagnostic/1/66</diag:uri>');
    expect((await get('/sru?version=2.0&query=cql.allRecords%3D1&startRecord=99')).body).toContain('<diag:uri>info:srw/diagnostic/1/61</diag:uri>');
  });
});
