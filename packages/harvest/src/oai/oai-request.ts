import { KitapError } from '@kitap/core';

/** The OAI-PMH 2.0 verbs kitap sends. */
export type OaiVerb = 'Identify' | 'ListSets' | 'ListMetadataFormats' | 'ListRecords' | 'ListIdentifiers' | 'GetRecord';

/** The request URL: the base URL with `verb` and the arguments (undefined ones left out). */
export function oaiUrl(base: string, verb: OaiVerb, args: Record<string, string | undefined> = {}): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new KitapError('E_USAGE', `${JSON.stringify(base)} is not a URL.`);
  }
  url.searchParams.set('verb', verb);
  for (const [name, value] of Object.entries(args)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

const DATESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)Z)?$/;

/**
 * Checks a `from`/`until` argument: an OAI-PMH UTC datestamp, `YYYY-MM-DD`
 * or `YYYY-MM-DDThh:mm:ssZ`, on the calendar. A bad date is refused before any
 * request (the repository would answer badArgument, less clearly).
 */
export function checkDatestamp(name: 'from' | 'until', value: string): void {
  const match = DATESTAMP.exec(value);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!match || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new KitapError('E_USAGE', `${name} ${JSON.stringify(value)} is not an OAI-PMH date: write YYYY-MM-DD (or YYYY-MM-DDThh:mm:ssZ, in UTC).`);
  }
}
