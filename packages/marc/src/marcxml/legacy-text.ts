import { decode } from '../charset/index.js';
import { iconvLite } from '../charset/iconv-lite.js';
import { parseCharsetName } from '../charset/names.js';

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
