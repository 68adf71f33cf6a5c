import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stableZipTimes } from '../src/index.js';

/** A one-entry zip with the given DOS time and date, built by hand. */
function zip(name: string, data: string, time: number, date: number): Buffer {
  const body = deflateRawSync(Buffer.from(data));
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(date, 14);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, body, central, n, end]);
}

describe('stableZipTimes', () => {
  it('gives two zips written at different times the same bytes', () => {
    const a = stableZipTimes(zip('xl/workbook.xml', '<workbook/>', 0x6a5e, 0x5b79), '2024-01-15');
    const b = stableZipTimes(zip('xl/workbook.xml', '<workbook/>', 0x1234, 0x5a21), '2024-01-15');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // 2024-01-15 as a DOS date, in the local header and the central directory.
    const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 15;
    expect(Buffer.from(a).readUInt16LE(12)).toBe(dosDate);
  });

  it('leaves bytes that are not a zip as they are', () => {
    const text = Buffer.from('not a zip at all, just text that is long enough to scan');
    expect(Buffer.from(stableZipTimes(Buffer.from(text))).equals(text)).toBe(true);
  });
});
