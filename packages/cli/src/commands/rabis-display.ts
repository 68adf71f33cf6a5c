import type { Io } from '../io.js';
import { StageDisplay } from '../job/stage-display.js';

/** How often a run off a terminal says how far it is (a plain line in the log). */
export const RABIS_LOG_EVERY_MS = 30_000;

/**
 * The progress display of `kitap rabis push|pull|verify`: a bar with count,
 * rate and ETA on a terminal; in a log, a line when the run starts, one every
 * 30 seconds, and one when it ends.
 */
export function rabisDisplay(io: Io): StageDisplay {
  return new StageDisplay((line) => io.err(line), undefined, undefined, { logEveryMs: RABIS_LOG_EVERY_MS });
}
