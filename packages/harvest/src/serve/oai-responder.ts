import { type ListPosition, decodeToken, encodeToken } from './resumption-token.js';
import type { ServedCatalog, ServedRecord } from './served-catalog.js';
import type { Answer } from './sru-responder.js';
import { escapeAttribute, escapeText } from './xml-escape.js';

/** Faults the stand-in's OAI-PMH endpoint can play, for tests of a harvester's recovery. */
export interface OaiFaults {
  /**
   * The first ListRecords request whose token points at the middle of the
   * list or later is answered `badResumptionToken` (as a repository that
   * restarted and forgot its tokens); the same request again succeeds.
   */
  badResumptionTokenOnce?: boolean;
}

/** The handler's fault state: which faults have been played. */
export interface OaiFaultState {
  faults: OaiFaults;
  badTokenPlayed: boolean;
}

const PREFIXES = new Set(['marc21', 'marcxml']);
const MARC_SCHEMA = 'http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd';
const MARC_NS = 'http://www.loc.gov/MARC21/slim';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Arguments each verb takes: required and optional; a resumption token is exclusive. */
const ARGUMENTS: Record<string, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

function envelope(baseUrl: string, request: Record<string, string> | undefined, inner: string): Answer {
  const attributes = request === undefined ? '' : Object.entries(request).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n' +
    `<responseDate>${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')}</responseDate>\n` +
    `<request${attributes}>${escapeText(baseUrl)}</request>\n${inner}</OAI-PMH>\n`;
  return { status: 200, type: 'text/xml; charset=utf-8', body };
}

function error(baseUrl: string, request: Record<string, string> | undefined, code: string, message: string): Answer {
  return envelope(baseUrl, request, `<error code="${code}">${escapeText(message)}</error>\n`);
}

function header(record: ServedRecord): string {
  const sets = record.sets.map((s) => `<setSpec>${escapeText(s)}</setSpec>`).join('');
  return `<header${record.deleted ? ' status="deleted"' : ''}><identifier>${escapeText(record.identifier)}</identifier><datestamp>${record.datestamp}</datestamp>${sets}</header>`;
}

function recordElement(record: ServedRecord): string {
  return record.deleted ? `<record>${header(record)}</record>\n` : `<record>${header(record)}<metadata>${record.xml}</metadata></record>\n`;
}

/** The records a list request selects, by set and datestamp range (inclusive, day granularity). */
function selected(catalog: ServedCatalog, position: ListPosition): ServedRecord[] {
  return catalog.records.filter(
    (r) =>
      (position.set === undefined || r.sets.includes(position.set)) &&
      (position.from === undefined || r.datestamp >= position.from) &&
      (position.until === undefined || r.datestamp <= position.until),
  );
}

/**
 * Answers an OAI-PMH 2.0 request over the served records: Identify,
 * ListMetadataFormats (marc21 and marcxml, both MARCXML), ListSets (one set
 * per flavour), ListRecords and ListIdentifiers with resumption tokens,
 * GetRecord. Deleted records (leader/05 `d`) are reported with
 * `status="deleted"`. Errors follow the protocol (badVerb, badArgument,
 * cannotDisseminateFormat, idDoesNotExist, noRecordsMatch, badResumptionToken).
 */
export function answerOai(params: URLSearchParams, catalog: ServedCatalog, baseUrl: string, pageSize: number, faults: OaiFaultState): Answer {
  const verb = params.get('verb');
  const spec = verb === null ? undefined : ARGUMENTS[verb];
  if (verb === null || spec === undefined || params.getAll('verb').length > 1) return error(baseUrl, undefined, 'badVerb', verb === null ? 'The verb argument is missing.' : `Illegal verb ${verb}.`);
  const request: Record<string, string> = {};
  for (const [name, value] of params) {
    if (params.getAll(name).length > 1) return error(baseUrl, undefined, 'badArgument', `The argument ${name} is repeated.`);
    request[name] = value;
  }
  const names = Object.keys(request).filter((n) => n !== 'verb');
  if (spec.exclusive !== undefined && request[spec.exclusive] !== undefined) {
    if (names.length > 1) return error(baseUrl, undefined, 'badArgument', `${spec.exclusive} is an exclusive argument.`);
  } else {
    const missing = spec.required.find((n) => request[n] === undefined);
    if (missing !== undefined) return error(baseUrl, undefined, 'badArgument', `The argument ${missing} is missing.`);
    const illegal = names.find((n) => !spec.required.includes(n) && !spec.optional.includes(n));
    if (illegal !== undefined) return error(baseUrl, undefined, 'badArgument', `Illegal argument ${illegal}.`);
  }
  switch (verb) {
    case 'Identify':
      return envelope(
        baseUrl,
        request,
        `<Identify><repositoryName>kitap test stand-in (not Web-RABIS): ${escapeText(catalog.file.split(/[\\/]/).pop() ?? '')}</repositoryName><baseURL>${escapeText(baseUrl)}</baseURL>` +
          `<protocolVersion>2.0</protocolVersion><adminEmail>kitap@localhost.invalid</adminEmail><earliestDatestamp>${catalog.earliestDatestamp}</earliestDatestamp>` +
          '<deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DD</granularity></Identify>\n',
      );
    case 'ListMetadataFormats': {
      if (request['identifier'] !== undefined && !catalog.byIdentifier.has(request['identifier'])) return error(baseUrl, request, 'idDoesNotExist', `No record ${request['identifier']}.`);
      const formats = [...PREFIXES].map((p) => `<metadataFormat><metadataPrefix>${p}</metadataPrefix><schema>${MARC_SCHEMA}</schema><metadataNamespace>${MARC_NS}</metadataNamespace></metadataFormat>`).join('');
      return envelope(baseUrl, request, `<ListMetadataFormats>${formats}</ListMetadataFormats>\n`);
    }
    case 'ListSets': {
      if (request['resumptionToken'] !== undefined) return error(baseUrl, request, 'badResumptionToken', 'The set list has one page.');
      if (catalog.sets.length === 0) return error(baseUrl, request, 'noSetHierarchy', 'The records have no flavour to make sets of.');
      const sets = catalog.sets.map((s) => `<set><setSpec>${escapeText(s.spec)}</setSpec><setName>${escapeText(s.name)}</setName></set>`).join('');
      return envelope(baseUrl, request, `<ListSets>${sets}</ListSets>\n`);
    }
    case 'GetRecord': {
      if (!PREFIXES.has(request['metadataPrefix']!)) return error(baseUrl, request, 'cannotDisseminateFormat', `Records are served as marc21 or marcxml, not ${request['metadataPrefix']}.`);
      const record = catalog.byIdentifier.get(request['identifier']!);
      if (record === undefined) return error(baseUrl, request, 'idDoesNotExist', `No record ${request['identifier']}.`);
      return envelope(baseUrl, request, `<GetRecord>${recordElement(record)}</GetRecord>\n`);
    }
    default:
      return answerList(verb as 'ListRecords' | 'ListIdentifiers', request, catalog, baseUrl, pageSize, faults);
  }
}

function answerList(verb: 'ListRecords' | 'ListIdentifiers', request: Record<string, string>, catalog: ServedCatalog, baseUrl: string, pageSize: number, faults: OaiFaultState): Answer {
  const token = request['resumptionToken'];
  let position: ListPosition;
  if (token !== undefined) {
    const decoded = decodeToken(token);
    if (decoded === undefined) return error(baseUrl, request, 'badResumptionToken', 'The resumption token is not valid.');
    position = decoded;
  } else {
    position = { offset: 0, metadataPrefix: request['metadataPrefix']! };
    for (const name of ['from', 'until'] as const) {
      const value = request[name];
      if (value === undefined) continue;
      if (!DAY.test(value)) return error(baseUrl, request, 'badArgument', `${name} must be YYYY-MM-DD (the granularity of this repository).`);
      position[name] = value;
    }
    if (position.from !== undefined && position.until !== undefined && position.from > position.until) return error(baseUrl, request, 'badArgument', 'from is later than until.');
    if (request['set'] !== undefined) position.set = request['set'];
  }
  if (!PREFIXES.has(position.metadataPrefix)) return error(baseUrl, request, 'cannotDisseminateFormat', `Records are served as marc21 or marcxml, not ${position.metadataPrefix}.`);
  const records = selected(catalog, position);
  if (token === undefined && records.length === 0) return error(baseUrl, request, 'noRecordsMatch', 'No records match the request.');
  if (position.offset > records.length) return error(baseUrl, request, 'badResumptionToken', 'The resumption token points past the end of the list.');
  if (token !== undefined && verb === 'ListRecords' && faults.faults.badResumptionTokenOnce && !faults.badTokenPlayed && position.offset * 2 >= records.length) {
    faults.badTokenPlayed = true;
    return error(baseUrl, request, 'badResumptionToken', 'The resumption token has expired (fault injected by the stand-in).');
  }
  const page = records.slice(position.offset, position.offset + pageSize);
  const next = position.offset + page.length;
  const items = page.map((r) => (verb === 'ListRecords' ? recordElement(r) : `${header(r)}\n`)).join('');
  const more = next < records.length;
  const tokenElement =
    more || token !== undefined
      ? `<resumptionToken completeListSize="${records.length}" cursor="${position.offset}">${more ? encodeToken({ ...position, offset: next }) : ''}</resumptionToken>\n`
      : '';
  return envelope(baseUrl, request, `<${verb}>\n${items}${tokenElement}</${verb}>\n`);
}
