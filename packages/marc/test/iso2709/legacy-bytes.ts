import { type CharsetName, type MarcRecord, encode } from '../../src/index.js';

/**
 * ISO2709 bytes of a record in a legacy character set, leader/09 blank as old
 * Kazakh and Russian exports leave it unless `leader09` says otherwise (the
 * writer writes only UTF-8; legacy files are what users bring in). Directory
 * lengths count the encoded bytes. The CLI's tests use it too (test/helpers.ts).
 */
export function legacyIso2709(record: MarcRecord, charset: CharsetName, leader09 = ' '): Buffer {
  const fields = record.fields.map((f) =>
    Buffer.from(encode(f.kind === 'control' ? `${f.value}\x1e` : `${f.ind1}${f.ind2}${f.subfields.map((s) => `\x1f${s.code}${s.value}`).join('')}\x1e`, charset)),
  );
  const base = 24 + fields.length * 12 + 1;
  const length = base + fields.reduce((n, f) => n + f.length, 0) + 1;
  let directory = '';
  let offset = 0;
  record.fields.forEach((f, i) => {
    directory += f.tag + String(fields[i]!.length).padStart(4, '0') + String(offset).padStart(5, '0');
    offset += fields[i]!.length;
  });
  const leader = String(length).padStart(5, '0') + record.leader.value.slice(5, 9) + leader09 + '22' + String(base).padStart(5, '0') + record.leader.value.slice(17);
  return Buffer.concat([Buffer.from(leader + directory + '\x1e', 'latin1'), ...fields, Buffer.from([0x1d])]);
}
