import { type Code, KitapError, type Place } from '@kitap/core';

/**
 * The stable codes of the Web-RABIS client. They are not in `CODES` yet (the
 * lead adds them); until then they live here, with the sentence people see.
 */
export const RABIS_CODES = {
  E_RABIS_AUTH: 'Web-RABIS refused the credentials: sign-in failed, or the token was refused again after renewing it.',
  E_RABIS_HTTP: 'Web-RABIS answered with an error status (after the configured retries, when the status is worth retrying).',
  E_RABIS_NETWORK: 'Web-RABIS could not be reached: the connection failed or was reset, after the configured retries.',
  E_RABIS_TIMEOUT: 'Web-RABIS did not answer within the configured time, after the configured retries.',
  E_RABIS_RESPONSE: 'Web-RABIS answered with something that is not the expected JSON shape.',
  E_RABIS_CANCELLED: 'The request to Web-RABIS was cancelled.',
  E_RABIS_DELIVERY_LOG: 'The delivery log is damaged, belongs to another import route, or holds records of the other format (JSONL or ISO2709).',
} as const;

/** A code of `RABIS_CODES`. */
export type RabisCode = keyof typeof RABIS_CODES;

/** What went wrong talking to Web-RABIS, for callers that decide what to do next. */
export interface RabisErrorDetail {
  /** The HTTP status of the last answer, when there was one. */
  status?: number;
  /** The server's own error code (`{"error": {"code"}}`), when it gave one. */
  serverCode?: string;
  /** True when sending again later may succeed (network trouble, 429, 5xx, timeouts). */
  transient?: boolean;
  /** How many attempts were made. */
  attempts?: number;
}

/**
 * A failed exchange with Web-RABIS. It is a `KitapError`, so the CLI prints it
 * like every other error; `rabisCode` holds the code while `RABIS_CODES` are
 * not part of `CODES` (the `code` property carries the same string).
 * Messages never contain credentials: the client redacts them before
 * building the error.
 */
export class RabisError extends KitapError {
  readonly rabisCode: RabisCode;
  readonly detail: RabisErrorDetail;

  constructor(code: RabisCode, message: string, detail: RabisErrorDetail = {}, place: Place = {}) {
    // The code is not in CODES yet: see RABIS_CODES.
    super(code as unknown as Code, message, place);
    this.rabisCode = code;
    this.detail = detail;
  }
}

/** True for a `RabisError` (any code). */
export function isRabisError(error: unknown): error is RabisError {
  return error instanceof RabisError;
}
