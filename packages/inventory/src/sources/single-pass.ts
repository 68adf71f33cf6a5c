import { KitapError } from '@kitap/core';
import type { TableRow } from './table-types.js';

/**
 * Wraps a row generator so that a second iteration throws instead of silently
 * yielding nothing: a caller that reads the rows twice would otherwise count
 * an empty table the second time.
 */
export function singlePass(file: string, rows: AsyncGenerator<TableRow>): AsyncIterable<TableRow> {
  let taken = false;
  return {
    [Symbol.asyncIterator](): AsyncIterator<TableRow> {
      if (taken) throw new KitapError('E_INTERNAL', `the rows of ${file} can be read only once`);
      taken = true;
      return rows;
    },
  };
}
