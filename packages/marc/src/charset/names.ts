/** The character sets kitap reads and writes. */
export type CharsetName = 'utf-8' | 'cp1251' | 'rk1048' | 'pt154' | 'cp866' | 'koi8-r' | 'latin1' | 'marc8';

export const CHARSETS: readonly CharsetName[] = Object.freeze([
  'utf-8',
  'cp1251',
  'rk1048',
  'pt154',
  'cp866',
  'koi8-r',
  'latin1',
  'marc8',
] as const);

/**
 * Aliases, compared after lower-casing and dropping '-', '_', '.', ' ' (so
 * "Windows-1251", "windows_1251" and "WINDOWS1251" are the same key).
 */
const ALIASES: ReadonlyMap<string, CharsetName> = new Map<string, CharsetName>([
  // UTF-8
  ['utf8', 'utf-8'],
  ['unicode11utf8', 'utf-8'],
  ['unicode20utf8', 'utf-8'],
  ['xunicode20utf8', 'utf-8'],
  // Windows-1251
  ['cp1251', 'cp1251'],
  ['windows1251', 'cp1251'],
  ['win1251', 'cp1251'],
  ['xcp1251', 'cp1251'],
  ['mscyrl', 'cp1251'],
  ['ansi1251', 'cp1251'],
  // KZ-1048 (RK1048, STRK1048-2002)
  ['rk1048', 'rk1048'],
  ['kz1048', 'rk1048'],
  ['strk1048', 'rk1048'],
  ['strk10482002', 'rk1048'],
  ['cskz1048', 'rk1048'],
  // PTCP154 (Paratype Asian Cyrillic, cp1169)
  ['pt154', 'pt154'],
  ['ptcp154', 'pt154'],
  ['cp154', 'pt154'],
  ['cp1169', 'pt154'],
  ['csptcp154', 'pt154'],
  ['cyrillicasian', 'pt154'],
  // DOS Cyrillic
  ['cp866', 'cp866'],
  ['ibm866', 'cp866'],
  ['866', 'cp866'],
  ['csibm866', 'cp866'],
  ['dos', 'cp866'],
  ['dos866', 'cp866'],
  ['oem866', 'cp866'],
  ['alt', 'cp866'],
  // KOI8-R
  ['koi8r', 'koi8-r'],
  ['koi8', 'koi8-r'],
  ['cskoi8r', 'koi8-r'],
  // ISO-8859-1
  ['latin1', 'latin1'],
  ['iso88591', 'latin1'],
  ['isolatin1', 'latin1'],
  ['iso885911987', 'latin1'],
  ['l1', 'latin1'],
  ['cp819', 'latin1'],
  ['ibm819', 'latin1'],
  ['csisolatin1', 'latin1'],
  // MARC-8
  ['marc8', 'marc8'],
  ['ansel', 'marc8'],
  ['z3947', 'marc8'],
]);

/**
 * The canonical name for a charset name or alias (case-insensitive), or
 * undefined when kitap does not know it. Note that windows-1252 is not latin1
 * (they differ in 0x80-0x9F) and is therefore not accepted as an alias.
 */
export function parseCharsetName(name: string): CharsetName | undefined {
  const key = name.trim().toLowerCase().replace(/[-_.\s]/g, '');
  return ALIASES.get(key);
}
