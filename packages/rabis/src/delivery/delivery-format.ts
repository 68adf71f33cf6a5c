import { open } from 'node:fs/promises';
import { KitapError } from '@kitap/core';
import { formatFromName, sniffFormat } from '@kitap/marc';

/** What `deliver` can send: `web-rabis.jsonl` records, or ISO2709 records. */
export const DELIVERY_FORMATS = ['jsonl', 'iso2709'] as const;
/** One of DELIVERY_FORMATS. */
export type DeliveryFormat = (typeof DELIVERY_FORMATS)[number];

/**
 * The format of a file to deliver, from its first bytes (`{` starts a JSON
 * line, five digits an ISO2709 leader), else from its name (`.jsonl`,
 * `.ndjson`, `.json`; `.mrc`, `.iso`, `.iso2709` …); an empty file is JSONL.
 * MARCXML and mnemonic text cannot be delivered as they are: `E_USAGE` says
 * to convert them to ISO2709 first; so does a file that is neither.
 */
export async function detectDeliveryFormat(path: string): Promise<DeliveryFormat> {
  let head: Uint8Array;
  try {
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw new KitapError('E_INPUT', `cannot open the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: path });
  }
  const sniffed = sniffFormat(head);
  const named = formatFromName(path);
  const format = sniffed ?? named;
  if (format === 'iso2709') return 'iso2709';
  if (format === 'mij' || (format === undefined && isBlank(head))) return 'jsonl';
  const what = format === undefined ? 'neither JSON lines nor ISO2709' : format === 'marcxml' ? 'MARCXML' : 'MARC mnemonic text';
  throw new KitapError('E_USAGE', `${path} is ${what}: kitap delivers web-rabis.jsonl or ISO2709 records (convert MARCXML or mnemonic text with "kitap convert … -o records.mrc" first, or give --format)`, { file: path });
}

function isBlank(head: Uint8Array): boolean {
  return head.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf);
}
