export { readMij, mijToRecord } from './reader.js';
export { mijEncoder, mijRecord, recordToMij, type MijEncoderOptions } from './writer.js';
