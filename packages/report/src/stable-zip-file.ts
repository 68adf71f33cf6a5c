import { open } from 'node:fs/promises';

/** The end-of-central-directory record is in the last 22 bytes, or up to 64 KiB before them (its comment). */
const TAIL = 22 + 0xffff;

/**
 * Sets the time and date of every entry of the zip file at `path`, in its
 * central directory and in each entry's local header, to `isoDate` at
 * midnight (DOS times start in 1980): what `stableZipTimes` (@kitap/core)
 * does to a zip in memory, done in place in the file, so memory holds the
 * central directory only, whatever the size of the file. A file that is not
 * a zip as expected is left as it is.
 */
export async function stableZipFileTimes(path: string, isoDate = '1980-01-01'): Promise<void> {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const dosDate = ((Math.max(1980, y) - 1980) << 9) | (m << 5) | d;
  const dosTime = 0;
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    if (size < 22) return;
    const tailStart = Math.max(0, size - TAIL);
    const tail = Buffer.alloc(size - tailStart);
    await file.read(tail, 0, tail.length, tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) return;
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryStart = tail.readUInt32LE(end + 16);
    if (directoryStart + directorySize > size) return;
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryStart);
    const locals: number[] = [];
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > directorySize || directory.readUInt32LE(at) !== 0x02014b50) return;
      directory.writeUInt16LE(dosTime, at + 12);
      directory.writeUInt16LE(dosDate, at + 14);
      locals.push(directory.readUInt32LE(at + 42));
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    const header = Buffer.alloc(4);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(dosTime, 0);
    stamp.writeUInt16LE(dosDate, 2);
    for (const local of locals) {
      if (local + 30 > size) continue;
      await file.read(header, 0, 4, local);
      if (header.readUInt32LE(0) === 0x04034b50) await file.write(stamp, 0, 4, local + 10);
    }
    await file.write(directory, 0, directorySize, directoryStart);
  } finally {
    await file.close();
  }
}
