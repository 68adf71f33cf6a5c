/**
 * The end of a zip archive (an XLSX workbook is one). A zip is read from its
 * end: the end-of-central-directory record, in the last 65,557 bytes, points
 * at the list of entries. A file cut short (a partial download, a copy
 * interrupted) has lost that record; exceljs's streaming reader then waits
 * for entries that never come, so the archive is checked before streaming.
 */
import { open } from 'node:fs/promises';

/** The signature of the end-of-central-directory record, "PK\x05\x06". */
const EOCD_SIGNATURE = 0x06054b50;
/** The record's fixed part. */
const EOCD_LENGTH = 22;
/** The record and the longest comment the record can announce. */
const EOCD_SEARCH = EOCD_LENGTH + 0xffff;

/** Why the file is not a complete zip archive, or undefined when its end-of-central-directory record is there. */
export async function zipEndProblem(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < EOCD_LENGTH) return `the file is ${size} bytes, too short for a zip archive`;
    const length = Math.min(size, EOCD_SEARCH);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    for (let i = length - EOCD_LENGTH; i >= 0; i--) {
      if (tail.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
      const commentLength = tail.readUInt16LE(i + 20);
      const directorySize = tail.readUInt32LE(i + 12);
      const directoryOffset = tail.readUInt32LE(i + 16);
      const at = size - length + i;
      // A record whose comment runs past the end, or whose directory does not fit before it, is a stray signature.
      if (i + EOCD_LENGTH + commentLength > length) continue;
      if (directoryOffset !== 0xffffffff && directoryOffset + directorySize > at) continue;
      return undefined;
    }
    return 'the zip archive is incomplete (its end-of-central-directory record is missing): the file was probably cut short while it was copied or downloaded';
  } finally {
    await handle.close();
  }
}
