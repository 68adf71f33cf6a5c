export { readMrk } from './reader.js';
export { mrkEncoder, mrkRecord, type MrkEncoderOptions } from './writer.js';
export { MNEMONIC_BYTES, MNEMONIC_NAMES, decodeMnemonics, encodeMnemonicsMarc8 } from './mnemonics.js';
