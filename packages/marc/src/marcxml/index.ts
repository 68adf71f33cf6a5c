export { readMarcXml } from './reader.js';
export { marcXmlEncoder, marcXmlRecord, type MarcXmlEncoderOptions } from './writer.js';
export { MARC21_SLIM, MARCXCHANGE } from './scanner.js';
