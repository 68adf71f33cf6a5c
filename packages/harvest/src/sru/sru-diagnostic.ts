import type { KitapError } from '@kitap/core';
import { harvestError } from '../harvest-error.js';

/** An SRU diagnostic: its URI (`info:srw/diagnostic/1/10`), details and message. */
export interface SruDiagnostic {
  uri: string;
  details?: string;
  message?: string;
}

/** Meanings of the common diagnostics of the SRU diagnostics list (`info:srw/diagnostic/1/N`). */
const MEANINGS: Record<string, string> = {
  '1': 'general system error',
  '2': 'system temporarily unavailable',
  '3': 'authentication error',
  '4': 'unsupported operation',
  '5': 'unsupported version',
  '6': 'unsupported parameter value',
  '7': 'mandatory parameter not supplied',
  '8': 'unsupported parameter',
  '10': 'query syntax error',
  '16': 'unsupported index',
  '19': 'unsupported relation',
  '37': 'unsupported boolean operator',
  '60': 'result set not created: too many matching records',
  '61': 'first record position out of range',
  '64': 'record temporarily unavailable',
  '65': 'record does not exist',
  '66': 'unknown schema for retrieval',
  '67': 'record not available in this schema',
  '68': 'not authorised to send record',
  '71': 'unsupported record packing',
};

/** "info:srw/diagnostic/1/10 (query syntax error): message; details: …" */
export function describeDiagnostic(d: SruDiagnostic): string {
  const number = /^info:srw\/diagnostic\/1\/(\d+)$/.exec(d.uri)?.[1];
  const meaning = number !== undefined ? MEANINGS[number] : undefined;
  let text = d.uri || '(no URI)';
  if (meaning !== undefined) text += ` (${meaning})`;
  if (d.message) text += `: ${d.message}`;
  if (d.details) text += `${d.message ? ';' : ':'} details: ${d.details}`;
  return text;
}

/** The server's diagnostics as one KitapError naming each URI and message, and the request. */
export function sruDiagnosticError(diagnostics: readonly SruDiagnostic[], url: string): KitapError {
  return harvestError('E_SRU_DIAGNOSTIC', `The SRU server answered with ${diagnostics.length === 1 ? 'a diagnostic' : 'diagnostics'}: ${diagnostics.map(describeDiagnostic).join('; ')}. Request: ${url}`);
}
