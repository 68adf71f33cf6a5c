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
  // One pass, each tag counted once (records repeat 650, 700 … freely).
  let seen = 0;
  const once = (bit: number): boolean => {
    if (seen & bit) return false;
    seen |= bit;
    return true;
  };
  for (const tag of tags) {
    switch (tag) {
      case '245': if (once(1)) marc21 += 3; break;
      case '008': if (once(2)) marc21 += 2; break;
      case '040': if (once(4)) marc21 += 1; break;
      case '260': case '264': if (once(8)) marc21 += 1; break;
      case '300': if (once(16)) marc21 += 1; break;
      case '200': if (once(32)) unimarc += 3; break;
      case '101': if (once(64)) unimarc += 2; break;
      case '801': if (once(128)) unimarc += 1; break;
      case '210': case '215': if (once(256)) unimarc += 1; break;
      case '700': once(512); break;
    }
  }
  if ((seen & 512) && (seen & 32)) unimarc += 1;
  if (marc21 === unimarc) return 'unknown';
  return marc21 > unimarc ? 'marc21' : 'unimarc';
}

export function detectFlavour(record: MarcRecord): Flavour {
  return detectFlavourFromTags(record.tags);
}
