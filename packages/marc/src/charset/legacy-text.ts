import { KitapError } from '@kitap/core';
import { decode } from './index.js';
import { iconvLite } from './iconv-lite.js';
import { parseCharsetName } from './names.js';

/**
 * How to make text of bytes in an XML encoding other than UTF-8/UTF-16 (an
 * XML declaration's, or `--encoding`), or undefined when kitap knows no such
 * set. kitap's own names come first (docs/charsets.md: `KZ-1048`, `PTCP154`,
 * `CP1169` … are the Kazakh sets, which iconv-lite knows only as `RK1048` and
 * `PT154`), then whatever iconv-lite knows (ISO-8859-5 …). MARC-8 is not an
 * XML encoding: it is never used here.
 */
export function legacyTextDecoder(encoding: string): ((bytes: Uint8Array) => string) | undefined {
  const known = parseCharsetName(encoding);
  if (known === 'marc8') return undefined;
  if (known !== undefined && known !== 'utf-8') return (bytes) => decode(bytes, 0, bytes.length, known).text;
  if (!iconvLite().encodingExists(encoding)) return undefined;
  return (bytes) => iconvLite().decode(Buffer.from(bytes), encoding);
}

/**
 * The decoder for an `--encoding` given to a text format (MARCXML, MARC-in-JSON), or E_USAGE: MARC-8
 * is not a text encoding (its escape sequences are read from ISO2709 and mnemonic text), and an
 * unknown name is said as such.
 */
export function givenTextDecoder(encoding: string, format: string): (bytes: Uint8Array) => string {
  const decoder = legacyTextDecoder(encoding);
  if (decoder) return decoder;
  throw new KitapError(
    'E_USAGE',
    parseCharsetName(encoding) === 'marc8'
      ? `MARC-8 is read from ISO2709 and mnemonic text only: ${format} is never in MARC-8 (leave --encoding out)`
      : `unknown character set ${JSON.stringify(encoding)}`,
  );
}
