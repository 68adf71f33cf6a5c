import { KitapError } from '@kitap/core';

/** The SRU versions kitap speaks. */
export type SruVersion = '1.2' | '2.0';

/** The parameters of one searchRetrieve request. */
export interface SruRequest {
  version: SruVersion;
  /** CQL. */
  query: string;
  startRecord: number;
  maximumRecords: number;
  recordSchema: string;
  /** Further parameters a server wants (an API key …). */
  params?: Record<string, string> | undefined;
}

/**
 * The searchRetrieve URL. SRU 1.2 takes `operation`, `version` and
 * `recordPacking=xml`; the SRU 2.0 binding has no `operation` or `version`
 * parameter and names the packing `recordXMLEscaping=xml`. Records are asked
 * for as XML; escaped records (`string`) are read too, should a server send them.
 */
export function sruUrl(base: string, request: SruRequest): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new KitapError('E_USAGE', `${JSON.stringify(base)} is not a URL.`);
  }
  const p = url.searchParams;
  if (request.version === '1.2') {
    p.set('operation', 'searchRetrieve');
    p.set('version', '1.2');
  }
  p.set('query', request.query);
  p.set('startRecord', String(request.startRecord));
  p.set('maximumRecords', String(request.maximumRecords));
  p.set('recordSchema', request.recordSchema);
  p.set(request.version === '1.2' ? 'recordPacking' : 'recordXMLEscaping', 'xml');
  for (const [name, value] of Object.entries(request.params ?? {})) p.set(name, value);
  return url.toString();
}
