import { createReadStream } from 'node:fs';

/** How many 0x1D record terminators a file holds: the expected record count of an ISO2709 file, for a progress bar (an estimate for other formats). */
export async function countRecordTerminators(path: string): Promise<number | undefined> {
  let n = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const b = chunk as Buffer;
      for (let i = b.indexOf(0x1d); i !== -1; i = b.indexOf(0x1d, i + 1)) n++;
    }
  } catch {
    return undefined;
  }
  return n > 0 ? n : undefined;
}
