/** Where a harvest stands after its last complete page. */
export interface HarvestPosition {
  /**
   * What continues the harvest: the OAI-PMH resumption token, or the SRU
   * `startRecord` of the next page as a decimal string. Undefined when the
   * harvest is finished.
   */
  token: string | undefined;
  /** Items (records, rejects, deleted records) yielded so far, over every run. */
  count: number;
  /** The last page was harvested: a restart yields nothing. */
  finished: boolean;
}

/**
 * Where a harvest saves its position. The harvest calls `save` when the
 * consumer has taken every item of a page (on the `next()` after the page's
 * last item), before it asks for the next page, and once more at the end
 * with `token` undefined. A consumer that makes its own output durable in
 * `save` (flush, then persist the token) gets every record exactly once
 * across any failure: a restart from the saved token repeats only items the
 * consumer had not yet made durable. `load`, when given, is read once at the
 * start: a saved position continues the harvest.
 */
export interface HarvestCheckpoint {
  load?(): HarvestPosition | undefined;
  save(token: string | undefined, count: number): void | Promise<void>;
}
