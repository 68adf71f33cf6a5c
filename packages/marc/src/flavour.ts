import type { MarcRecord } from './record/record.js';

/** MARC21, or UNIMARC (RUSMARC is UNIMARC-based and reported as `unimarc`), or unknown. */
export type Flavour = 'marc21' | 'unimarc' | 'unknown';

/**
 * Tells MARC21 from UNIMARC/RUSMARC by the record's content, never by the file
 * name: 245/008/040 say MARC21; 200 with 100 (coded data), 101, 801 say UNIMARC.
 * Uses tags only, so it decodes nothing.
 */
export function detectFlavourFromTags(tags: readonly string[]): Flavour {
  let marc21 = 0;
  let unimarc = 0;
  const seen = new Set(tags);
  if (seen.has('245')) marc21 += 3;
  if (seen.has('008')) marc21 += 2;
  if (seen.has('040')) marc21 += 1;
  if (seen.has('260') || seen.has('264')) marc21 += 1;
  if (seen.has('300')) marc21 += 1;
  if (seen.has('200')) unimarc += 3;
  if (seen.has('101')) unimarc += 2;
  if (seen.has('801')) unimarc += 1;
  if (seen.has('210') || seen.has('215')) unimarc += 1;
  if (seen.has('700') && seen.has('200')) unimarc += 1;
  if (marc21 === unimarc) return 'unknown';
  return marc21 > unimarc ? 'marc21' : 'unimarc';
}

export function detectFlavour(record: MarcRecord): Flavour {
  return detectFlavourFromTags(record.tags);
}
