/**
 * The code page a DBF file declares in its language driver byte (offset 29,
 * "LDID" / "code page mark"). Values from the Visual FoxPro code page table
 * (Microsoft, "Code Pages Supported by Visual FoxPro") and the ESRI list of
 * shapefile LDIDs. Only the Cyrillic ones map to a charset kitap reads; the
 * others are named so that the note can say why the bytes were judged instead.
 */
import type { CharsetName } from '@kitap/marc';

/** Offset of the language driver byte in a DBF header. */
export const LDID_OFFSET = 29;

/** A language driver byte's meaning. */
export interface CodePageMark {
  /** The charset to read with, when kitap has it. */
  charset?: CharsetName;
  /** What the byte says, for notes ("code page 866, Russian MS-DOS"). */
  name: string;
}

/** Language driver bytes kitap maps to a charset. */
export const CYRILLIC_LDIDS: Readonly<Record<number, CodePageMark>> = {
  0x26: { charset: 'cp866', name: 'code page 866, Russian OEM' },
  0x65: { charset: 'cp866', name: 'code page 866, Russian MS-DOS' },
  0xc9: { charset: 'cp1251', name: 'code page 1251, Russian Windows' },
  // "current ANSI code page": cp1251 on the Russian and Kazakh Windows that write these files
  0x57: { charset: 'cp1251', name: 'the current ANSI code page, which is 1251 on Russian and Kazakh Windows' },
};

/** Other language driver bytes seen in the wild, named for the note only. */
const OTHER_LDIDS: Readonly<Record<number, string>> = {
  0x01: 'code page 437, US MS-DOS',
  0x02: 'code page 850, International MS-DOS',
  0x03: 'code page 1252, Windows ANSI',
  0x04: 'code page 10000, Macintosh',
  0x64: 'code page 852, Eastern European MS-DOS',
  0x66: 'code page 865, Nordic MS-DOS',
  0x96: 'code page 10007, Russian Macintosh',
  0xc8: 'code page 1250, Eastern European Windows',
};

/** The meaning of a language driver byte; undefined for 0 (none declared). */
export function codePageMark(ldid: number): CodePageMark | undefined {
  if (ldid === 0) return undefined;
  const cyrillic = CYRILLIC_LDIDS[ldid];
  if (cyrillic !== undefined) return cyrillic;
  return { name: OTHER_LDIDS[ldid] ?? `an unknown code page` };
}

/** "0x65" */
export function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}
