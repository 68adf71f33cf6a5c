import { type Code, KitapError, type Place } from '@kitap/core';

/**
 * The error codes of harvesting, until the lead adds them to `CODES` in
 * `@kitap/core` (see docs/harvest.md for their sentences). Kept as one union
 * here so that every place that raises one is checked against the list.
 */
export type HarvestCode =
  /** An HTTP request failed for good (retries spent, or an answer that is no use). */
  | 'E_HARVEST_HTTP'
  /** The SRU server answered with a diagnostic instead of records. */
  | 'E_SRU_DIAGNOSTIC'
  /** The OAI-PMH repository answered with an error other than those kitap handles. */
  | 'E_OAI_ERROR'
  /** The repository refused a resumption token twice: the list cannot be continued. */
  | 'E_OAI_BAD_RESUMPTION_TOKEN'
  /** The answer is not an SRU or OAI-PMH response kitap can read. */
  | 'E_HARVEST_RESPONSE'
  /** The harvest state file is damaged or belongs to another harvest. */
  | 'E_HARVEST_STATE';

/**
 * A KitapError with a harvest code. The cast is the one place where codes not
 * yet in `CODES` enter `KitapError`; the message is always given, so the
 * missing sentence in `CODES` is never needed.
 */
export function harvestError(code: HarvestCode, message: string, place: Place = {}): KitapError {
  return new KitapError(code as Code, message, place);
}
