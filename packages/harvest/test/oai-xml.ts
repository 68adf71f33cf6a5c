/** Builders of OAI-PMH and SRU response bodies for MockAgent tests. */

/** A MARCXML record element (in the MARC21 slim namespace unless a prefix is given). */
export function marcRecordXml(controlNumber: string, title: string, author: string, prefix = ''): string {
  const p = prefix === '' ? '' : `${prefix}:`;
  const ns = prefix === '' ? ' xmlns="http://www.loc.gov/MARC21/slim"' : '';
  return (
    `<${p}record${ns}><${p}leader>00000nam a2200000 i 4500</${p}leader><${p}controlfield tag="001">${controlNumber}</${p}controlfield>` +
    `<${p}datafield tag="100" ind1="1" ind2=" "><${p}subfield code="a">${author}</${p}subfield></${p}datafield>` +
    `<${p}datafield tag="245" ind1="1" ind2="0"><${p}subfield code="a">${title}</${p}subfield></${p}datafield></${p}record>`
  );
}

/** An OAI-PMH record element with header and metadata (none when deleted). */
export function oaiRecordXml(identifier: string, metadata: string | undefined, datestamp = '2024-03-01'): string {
  const status = metadata === undefined ? ' status="deleted"' : '';
  const body = metadata === undefined ? '' : `<metadata>${metadata}</metadata>`;
  return `<record><header${status}><identifier>${identifier}</identifier><datestamp>${datestamp}</datestamp><setSpec>books</setSpec></header>${body}</record>`;
}

/** A ListRecords response; `token` undefined for the last page. */
export function listRecordsXml(records: string[], token?: string, rootAttributes = '', encoding = 'UTF-8'): string {
  const tokenElement = token === undefined ? '<resumptionToken/>' : `<resumptionToken cursor="0">${token}</resumptionToken>`;
  return (
    `<?xml version="1.0" encoding="${encoding}"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"${rootAttributes}><responseDate>2024-03-01T10:00:00Z</responseDate>` +
    `<request verb="ListRecords">http://127.0.0.1:8999/oai</request><ListRecords>${records.join('')}${tokenElement}</ListRecords></OAI-PMH>`
  );
}

/** An OAI-PMH error response. */
export function oaiErrorXml(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-03-01T10:00:00Z</responseDate>' +
    `<request>http://127.0.0.1:8999/oai</request><error code="${code}">${message}</error></OAI-PMH>`
  );
}
