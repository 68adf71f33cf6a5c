import type { ReadItem } from '@kitap/marc';

/** An OAI-PMH record header: the repository's identifier for the record, its datestamp and its sets. */
export interface OaiHeader {
  identifier: string;
  /** As the repository gives it: `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`. */
  datestamp: string;
  sets: string[];
}

/**
 * A record the repository reports as deleted (`<header status="deleted">`):
 * there is no metadata, only who and when, so that a copy of the catalog can
 * drop it too.
 */
export interface DeletedItem extends OaiHeader {
  kind: 'deleted';
}

/**
 * What a harvest yields: a MARC record or a reject, as every kitap reader
 * yields (so a harvest streams into any kitap writer), or a deleted record.
 */
export type HarvestItem = ReadItem | DeletedItem;

/** An OAI-PMH harvest's items: records and rejects carry the header of the OAI record they came in. */
export type OaiItem = (ReadItem & { header?: OaiHeader }) | DeletedItem;
