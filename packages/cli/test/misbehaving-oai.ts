import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OAI-PMH repository that misbehaves the way real ones do, for the
 * harvest's tests: 30 records in pages of 10, and a fault chosen by the
 * first segment of the path (`http://127.0.0.1:PORT/<fault>/oai`):
 *
 * - `normal`: none;
 * - `cut`: page 2 ends after its last record (no token, no closing tags) and the connection closes;
 * - `cycle`: page 3 gives back page 2's token;
 * - `no-records-later`: page 2 answers noRecordsMatch;
 * - `unclosed-list`: page 2 loses its token and </ListRecords> but still ends with </OAI-PMH>;
 * - `short`: page 2 ends the list (no token), though page 1 announced 30 records;
 * - `gone-once…` (any suffix, one per test): page 2 is an HTTP 404 the first time it is asked for.
 */
export interface MisbehavingOai {
  url(fault: string): string;
  close(): Promise<void>;
}

const RECORDS = 30;
const PAGE = 10;

function record(i: number): string {
  return `<record><header><identifier>oai:test:${i}</identifier><datestamp>2024-01-01</datestamp></header><metadata><record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">REC${i}</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Абай жолы ${i}</subfield></datafield></record></metadata></record>`;
}

function envelope(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate><request>x</request>${inner}</OAI-PMH>\n`;
}

function page(start: number, token: string): string {
  let body = '';
  for (let i = start; i < Math.min(RECORDS, start + PAGE); i++) body += record(i);
  return envelope(`<ListRecords>${body}<resumptionToken completeListSize="${RECORDS}" cursor="${start}">${token}</resumptionToken></ListRecords>`);
}

export async function startMisbehavingOai(): Promise<MisbehavingOai> {
  const asked = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fault = url.pathname.split('/')[1] ?? 'normal';
    const token = url.searchParams.get('resumptionToken');
    const start = token === null ? 0 : Number(/(\d+)$/.exec(token)?.[1] ?? 0);
    const times = (asked.get(`${fault}${url.search}`) ?? 0) + 1;
    asked.set(`${fault}${url.search}`, times);
    const send = (body: string, status = 200): void => {
      res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const next = start + PAGE < RECORDS ? `t-${start + PAGE}` : '';
    if (fault === 'cut' && start === 10) {
      const body = page(start, next);
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', connection: 'close' });
      res.end(body.slice(0, body.indexOf('<resumptionToken')));
      return;
    }
    if (fault === 'unclosed-list' && start === 10) {
      const body = page(start, next);
      return send(`${body.slice(0, body.indexOf('<resumptionToken'))}</OAI-PMH>\n`);
    }
    if (fault === 'short' && start === 10) return send(page(start, ''));
    if (fault === 'cycle') return send(page(start, start === 20 ? 't-10' : next));
    if (fault === 'no-records-later' && start === 10) return send(envelope('<error code="noRecordsMatch">nothing</error>'));
    if (fault.startsWith('gone-once') && start === 10 && times === 1) return send('<html>gone</html>', 404);
    send(page(start, next));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (fault) => `http://127.0.0.1:${port}/${fault}/oai`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
