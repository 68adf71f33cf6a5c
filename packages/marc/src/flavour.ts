import type { MarcRecord } from './record/record.js';

/** MARC21, or UNIMARC (RUSMARC is UNIMARC-based and reported as `unimarc`), or unknown. */
export type Flavour = 'marc21' | 'unimarc' | 'unknown';

/**
 * Tells MARC21 from UNIMARC/RUSMARC by the record's content, never by the file
 * name: 245/008/040 say MARC21; 200 with 100 (coded data), 101, 801 say UNIMARC.
 * Uses tags only, so it decodes nothing.
 */
export function detectFlavourFromTags(tags: readonly string[]): Flavour {
  // One pass, each tag counted once (records repeat 650, 700 … freely); tags
  // compared as numbers, since this runs for every record a command reads.
  let seen = 0;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    if (tag.length !== 3) continue;
    const d0 = tag.charCodeAt(0) - 0x30;
    const d1 = tag.charCodeAt(1) - 0x30;
    const d2 = tag.charCodeAt(2) - 0x30;
    if (d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) continue;
    switch (d0 * 100 + d1 * 10 + d2) {
      case 245: seen |= 1; break;
      case 8: seen |= 2; break;
      case 40: seen |= 4; break;
      case 260: case 264: seen |= 8; break;
      case 300: seen |= 16; break;
      case 200: seen |= 32; break;
      case 101: seen |= 64; break;
      case 801: seen |= 128; break;
      case 210: case 215: seen |= 256; break;
      case 700: seen |= 512; break;
    }
  }
  const marc21 = (seen & 1 ? 3 : 0) + (seen & 2 ? 2 : 0) + (seen & 4 ? 1 : 0) + (seen & 8 ? 1 : 0) + (seen & 16 ? 1 : 0);
  let unimarc = (seen & 32 ? 3 : 0) + (seen & 64 ? 2 : 0) + (seen & 128 ? 1 : 0) + (seen & 256 ? 1 : 0);
  if (seen & 512 && seen & 32) unimarc += 1;
  if (marc21 === unimarc) return 'unknown';
  return marc21 > unimarc ? 'marc21' : 'unimarc';
}

export function detectFlavour(record: MarcRecord): Flavour {
  return detectFlavourFromTags(record.tags);
}
