import { decode, parseCharsetName } from '@kitap/marc';
import { harvestError } from '../harvest-error.js';

/** A response body as text, and whether some of its bytes could not be decoded (they became U+FFFD). */
export interface ResponseText {
  text: string;
  damaged: boolean;
}

/** The `encoding` of the XML declaration, read from the first bytes (any ASCII-compatible encoding). */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

function headerCharset(contentType: string | string[] | undefined): string | undefined {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value === undefined ? undefined : /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/i.exec(value)?.[1];
}

/**
 * Decodes an XML response: a BOM decides, then the XML declaration, then the
 * HTTP charset, then UTF-8 (the XML default). kitap's own decoders take the
 * character sets of Kazakh catalogs (cp1251, RK1048, PT154 …); other labels go
 * to the platform's TextDecoder. Undecodable bytes are never dropped silently:
 * they become U+FFFD and `damaged` is set, so that records holding them are
 * rejected (see embedded-marc.ts).
 */
export function responseText(bytes: Uint8Array, contentType?: string | string[]): ResponseText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return platformDecode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return platformDecode(bytes.subarray(2), 'utf-16be');
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const label = start === 3 ? 'utf-8' : declaredEncoding(bytes) ?? headerCharset(contentType) ?? 'utf-8';
  const known = parseCharsetName(label);
  if (known !== undefined && known !== 'marc8') {
    const result = decode(bytes, start, bytes.length, known);
    return { text: result.text, damaged: result.problems.length > 0 };
  }
  return platformDecode(bytes.subarray(start), label);
}

function platformDecode(bytes: Uint8Array, label: string): ResponseText {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    throw harvestError('E_HARVEST_RESPONSE', `The response is in the character set ${JSON.stringify(label)}, which kitap cannot read.`);
  }
  try {
    return { text: decoder.decode(bytes), damaged: false };
  } catch {
    return { text: new TextDecoder(label, { ignoreBOM: true }).decode(bytes), damaged: true };
  }
}
