import type { Code } from './codes.js';
import type { Place } from './place.js';

/** Input that could not be used, kept whole with the reason, so nothing is lost. */
export interface Reject {
  code: Code;
  message: string;
  place: Place;
  /** The original bytes (binary inputs) or text (rows, lines). */
  raw: Uint8Array | string;
}

/** One line of a reject file (NDJSON): raw bytes are base64, text is kept as text. */
export function rejectToJson(reject: Reject): Record<string, unknown> {
  const raw = reject.raw;
  return {
    code: reject.code,
    message: reject.message,
    ...reject.place,
    ...(typeof raw === 'string'
      ? { rawText: raw }
      : { rawLength: raw.byteLength, rawBase64: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') }),
  };
}
