import { FAULT_SPEC_KEYS } from './fault-spec.js';

/** What the banner tells about a running stand-in. */
export interface StandInBannerInfo {
  url: string;
  /** The routes it serves (import, inventory lookup, copies). */
  routes: { import: string; importIso2709: string; inventoryLookup: string; copies: string };
  /** Records and copies it holds. */
  ebooks: number;
  copies: number;
  /** The fault spec in its text form, or undefined for none. */
  faults: string | undefined;
  /** The users who may sign in (names only: the stand-in's passwords are test data, but a banner never prints them). */
  usernames: readonly string[];
  /** The MARC file served over SRU/OAI-PMH, if any. */
  marc?: string | undefined;
}

const WARNING = 'TEST STAND-IN — NOT Web-RABIS. A local imitation for testing kitap; nothing sent here reaches a library system.';

/**
 * The lines the stand-in prints when it starts: first and last that it is a
 * test stand-in, not Web-RABIS, then where it listens, what it holds, which
 * of its routes are kitap's assumptions, and the faults it injects.
 */
export function standInBanner(info: StandInBannerInfo): string {
  const lines = [
    `*** ${WARNING} ***`,
    `listening on ${info.url} (127.0.0.1 only)`,
    `holds ${info.ebooks} records, ${info.copies} copies; users: ${info.usernames.join(', ')}`,
    `known Web-RABIS read routes: POST /api/v1/auth/sign-in, GET /api/v1/dictionary/department, GET /api/v1/ebook/{id}/card, POST /api/v1/search/ebook/simple, GET /version`,
    `kitap's assumptions (configurable, not known Web-RABIS routes): import POST ${info.routes.import} (JSON), ISO2709 import POST ${info.routes.importIso2709} (application/marc), copies GET ${info.routes.copies}, copy by inventory number GET ${info.routes.inventoryLookup}`,
    `faults: ${info.faults ?? 'none'}`,
  ];
  if (info.marc !== undefined) lines.push(`SRU ${info.url}/sru and OAI-PMH ${info.url}/oai over ${info.marc}`);
  lines.push(`*** ${WARNING} ***`);
  return `${lines.join('\n')}\n`;
}

/** The `--help` text of `kitap rabis serve`. */
export const STAND_IN_HELP = `kitap rabis serve — a TEST STAND-IN for Web-RABIS, NOT Web-RABIS

Runs a local HTTP server that imitates the publicly known read side of
Web-RABIS's interface (sign-in, department dictionary, record card, simple
search, /version), kitap's assumed import routes (web-rabis.jsonl records as
JSON, and ISO2709 records), and SRU/OAI-PMH over a MARC file, with injected
faults, so that kitap's client can be tested. It binds to 127.0.0.1 only and
keeps its data in SQLite. Nothing sent to it reaches a
library system; it is not a model of how a real installation behaves beyond
the routes it names.

Usage: kitap rabis serve [--data <web-rabis.jsonl>] [--port N] [--faults <spec>]
                         [--db <file.sqlite>] [--marc <records.mrc>]
                         [--import-route <path>] [--import-iso2709-route <path>]
                         [--user <name:password>]

  --data <file>          records to preload (kitap's web-rabis.jsonl)
  --port <N>             port on 127.0.0.1 (default 0: any free port)
  --db <file>            keep the data in this SQLite file (default: a temporary one)
  --marc <file>          serve these MARC records over SRU (/sru) and OAI-PMH (/oai)
  --import-route <path>  the import route (default /api/v1/kitap/import — kitap's assumption)
  --import-iso2709-route <path>
                         the ISO2709 import route (default /api/v1/kitap/import/iso2709 —
                         kitap's assumption; may be the import route: the Content-Type decides)
  --user <name:pass>     a user who may sign in (default kitap:kitap)
  --faults <spec>        comma-separated faults, for example
                         latency=20-80ms,error500=5%,error429=2%,drop=2%,expireToken=after:300,slowBody=1%
                         keys: ${FAULT_SPEC_KEYS.join(', ')}

See docs/rabis-serve.md.
`;
