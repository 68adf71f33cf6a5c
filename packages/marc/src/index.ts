export { Leader } from './record/leader.js';
export {
  controlField,
  dataField,
  fieldText,
  fieldsEqual,
  isControlTag,
  subfieldValue,
  subfieldValues,
  subfields,
  withIndicators,
  withSubfield,
  withSubfieldValue,
  withoutSubfields,
  type ControlField,
  type DataField,
  type Field,
  type Subfield,
} from './record/field.js';
export { MarcRecord, type FieldSelector, type FieldSource } from './record/record.js';
export type { ByteInput, Normalization, ReadItem, ReadMode, ReadOptions, RecordEncoder } from './read-types.js';
export { chunksOf, splitIntoChunks } from './byte-input.js';
export { readFrames, readIso2709, readIso2709All, type Iso2709ReadOptions } from './iso2709/reader.js';
export { writeIso2709, iso2709Encoder, type Iso2709WriteOptions } from './iso2709/writer.js';
export { Framer, type Frame } from './iso2709/framer.js';
export { readMarcXml } from './marcxml/reader.js';
export { marcXmlEncoder } from './marcxml/writer.js';
export { readMij } from './mij/reader.js';
export { mijEncoder } from './mij/writer.js';
export { readMrk } from './mrk/reader.js';
export { mrkEncoder } from './mrk/writer.js';
export {
  CHARSETS,
  decode,
  detectCharset,
  encode,
  parseCharsetName,
  type CharsetName,
  type Detection,
} from './charset/index.js';
export { detectFlavour, detectFlavourFromTags, type Flavour } from './flavour.js';
export { UNIMARC_UTF8_CHARACTER_SETS, unimarcCharsetsToUtf8, type UnimarcCharsetOutcome } from './unimarc-charset.js';
export { fromMarcjs, toMarcjs, type MarcjsRecord } from './marcjs-interop.js';
export {
  INPUT_FORMATS,
  OUTPUT_FORMATS,
  encoderFor,
  formatFromName,
  outputFormatFromName,
  readRecords,
  sniffFormat,
  type InputFormat,
  type OutputFormat,
  type ReadRecordsOptions,
} from './formats.js';
