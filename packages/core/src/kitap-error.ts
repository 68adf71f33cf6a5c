import { CODES, type Code } from './codes.js';
import { formatPlace, type Place } from './place.js';

/** A typed error with a stable code and the place it concerns. */
export class KitapError extends Error {
  override readonly name = 'KitapError';
  readonly code: Code;
  readonly place: Place;

  constructor(code: Code, detail: string | undefined, place: Place = {}) {
    super(detail ?? CODES[code]);
    this.code = code;
    this.place = place;
  }

  /** "E_BASE_ADDRESS at in.mrc, record 3, byte 1204: …" */
  describe(): string {
    const where = formatPlace(this.place);
    return `${this.code}${where ? ` at ${where}` : ''}: ${this.message}`;
  }
}

export function isKitapError(error: unknown): error is KitapError {
  return error instanceof KitapError;
}
