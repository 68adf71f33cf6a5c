import type { Copy } from '@kitap/holdings';
import type { CopyRow } from './classify-row.js';

/** The canonical copies of a row, in the order of its inventory numbers. */
export function copiesOfRow(row: CopyRow): Copy[] {
  return row.copies.map((c) => {
    const copy: Copy = { inventoryNumber: c.inventoryNumber, branch: row.branch, status: 'available', price: c.price };
    if (row.department !== undefined) copy.department = row.department;
    // A barcode belongs to one copy: a row that stands for several cannot give it to all.
    if (row.barcode !== undefined && row.copies.length === 1) copy.barcode = row.barcode;
    if (row.dateReceived !== undefined) copy.dateReceived = row.dateReceived;
    if (row.batch !== undefined) copy.accessionBatch = row.batch;
    if (row.source !== undefined) copy.source = row.source;
    if (row.receiptAct !== undefined) copy.receiptAct = row.receiptAct;
    if (row.note !== undefined) copy.notes = [row.note];
    return copy;
  });
}
