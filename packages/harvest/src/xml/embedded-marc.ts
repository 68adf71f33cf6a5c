import type { Code, Place, Reject } from '@kitap/core';
import { type ReadItem, readMarcXml } from '@kitap/marc';
import type { HarvestCode } from '../harvest-error.js';

/** Where an embedded record sits in a harvest, for the places of its record and rejects. */
export interface EmbeddedPlace {
  /** The request that brought it (the URL, credentials removed). */
  url: string;
  /** 0-based position of the record in the whole harvest. */
  index: number;
  /** The record's identifier in the protocol (OAI identifier), if any. */
  recordId?: string;
}

function placeOf(where: EmbeddedPlace, inner: Place): Place {
  const place: Place = { file: where.url, index: where.index };
  if (where.recordId !== undefined) place.recordId = where.recordId;
  if (inner.tag !== undefined) place.tag = inner.tag;
  if (inner.occurrence !== undefined) place.occurrence = inner.occurrence;
  if (inner.subfield !== undefined) place.subfield = inner.subfield;
  return place;
}

/** A reject of an embedded record, with the harvest's place. */
export function embeddedReject(code: HarvestCode | Code, message: string, where: EmbeddedPlace, raw: string): ReadItem {
  const reject: Reject = { code: code as Code, message, place: placeOf(where, {}), raw };
  return { kind: 'reject', reject };
}

/**
 * Reads the MARC record(s) in the content of an OAI-PMH `<metadata>` or an
 * SRU `<recordData>` (escaped records of `recordPacking=string` included),
 * with the MARCXML reader in lenient mode. The content is wrapped in an
 * element carrying the response's prefixed namespace declarations. Places
 * name the request and the position in the harvest, not offsets in the
 * wrapper. Content with no MARC record in it is a reject, never nothing; so
 * is content with bytes the response's character set could not decode.
 */
export async function readEmbeddedMarc(raw: string, declarations: string, where: EmbeddedPlace, damaged: boolean): Promise<ReadItem[]> {
  if (damaged && raw.includes('\uFFFD')) {
    return [embeddedReject('E_ENCODING', 'The record holds bytes that are not valid in the character set of the response; they could not be read.', where, raw)];
  }
  const wrapped = `<kitap-embedded${declarations}>${raw}</kitap-embedded>`;
  const items: ReadItem[] = [];
  for await (const item of readMarcXml(Buffer.from(wrapped, 'utf8'), { mode: 'lenient' })) {
    if (item.kind === 'record') {
      item.record.place = placeOf(where, {});
      items.push(item);
    } else {
      items.push({ kind: 'reject', reject: { ...item.reject, place: placeOf(where, item.reject.place) } });
    }
  }
  if (items.length === 0) items.push(embeddedReject('E_XML', 'The response holds no MARCXML record where one was expected.', where, raw));
  return items;
}
