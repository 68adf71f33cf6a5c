/**
 * Zip writers (JSZip, archiver — what exceljs uses for XLSX) stamp every entry
 * with the time it was written, so the same workbook written twice differs in
 * those bytes. `stableZipTimes` sets every entry's DOS time and date, in the
 * local headers and the central directory, to one fixed moment, so an XLSX
 * made from the same data is the same bytes. The zip is patched in place;
 * anything that is not a well-formed zip is left as it is.
 */
export function stableZipTimes(zip: Uint8Array, isoDate = '1980-01-01'): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const dosDate = ((Math.max(1980, y) - 1980) << 9) | (m << 5) | d;
  const dosTime = 0;
  // The end-of-central-directory record: the last PK\x05\x06 within the final 64 KiB + 22 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return zip;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) return zip;
    view.setUint16(at + 12, dosTime, true);
    view.setUint16(at + 14, dosDate, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 <= zip.length && view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, dosTime, true);
      view.setUint16(local + 12, dosDate, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}
