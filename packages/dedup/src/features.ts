import { type MarcRecord, detectFlavour, subfieldValue, subfieldValues } from '@kitap/marc';
import { COPY_LAYOUTS, type CopyLayout, LAYOUT_SPECS } from '@kitap/holdings';
import { foldForMatch, foldScripts, nameSkeleton, parseIsbn, parseIssn, surnameOf, titleKey } from '@kitap/text';
import { memoize } from './memoize.js';
import { MARC21_FEATURE_TAGS, RecordFields, UNIMARC_FEATURE_TAGS } from './record-fields.js';

/** Where a record came from: the file being deduplicated, or the catalog given with `--against`. */
export type RecordSource = 'input' | 'against';

/**
 * What dedup compares, taken from a record once: normalised copies of the
 * data (the record is never changed), in both MARC flavours.
 */
export interface RecordFeatures {
  index: number;
  source: RecordSource;
  id?: string;
  flavour: 'marc21' | 'unimarc';
  /** Leader/06 type of record and /07 bibliographic level. */
  type: string;
  level: string;
  /** ISBN-13 of every valid ISBN; the compact form of an invalid one. */
  isbns: string[];
  issns: string[];
  /** 001 and the numbers in 035 $a/$z, without an "(agency)" prefix. */
  controlNumbers: string[];
  /** The main title (245 $a / 200 $a) as a title key, and with the rest of the title ($b / $e). */
  title: string;
  fullTitle: string;
  /** Surname skeletons of the main and added personal entries, main entry first. */
  authors: string[];
  year?: number;
  publisher?: string;
  pages?: number;
  /** The edition statement folded, and its number if it has one ("3-басылымы", "3-е изд." → "3"). */
  edition?: string;
  editionNumber?: string;
  /** Number and name of a part of a set (245 $n $p / 200 $h $i), folded. */
  volume?: string;
  /** Numbering within a series (490 $v / 225 $v), folded. */
  seriesNumber?: string;
  language?: string;
  /** A component part (an article): leader/07 a or b, or a link to a host (773 / 461-463). */
  componentPart: boolean;
  copies: number;
  /** The same data as people see it, for review lists. */
  display: { title: string; author: string; imprint: string; extent: string; isbn: string };
}

const YEAR = /(1[4-9]\d\d|20\d\d)/;

// Titles, authors and publishers repeat from record to record (editions, copies catalogued twice, a
// publisher's whole list): each distinct text is folded once.
const titleKeyOf = memoize(titleKey);
const authorSkeleton = memoize((heading: string) => nameSkeleton(surnameOf(heading)));
const publisherKey = memoize((text: string) => foldScripts(foldForMatch(text)));

function controlNumber(value: string): string {
  return value.replace(/^\([^)]*\)\s*/, '').trim();
}

function pagesOf(extent: string | undefined): number | undefined {
  const m = extent?.match(/(\d+)\s*(?:с|б|p|s|стр|бет|л)\b/iu) ?? extent?.match(/(\d+)/);
  return m ? Number(m[1]) : undefined;
}

/**
 * A volume or series number as a key: its numbers when it has any («3-т.»,
 * «Т. 3», «Том 3» → "3"; «Т. 2, кн. 1» → "2.1"), else the folded text
 * («Көктем» as a part name). Cataloguers write the same number many ways.
 */
/** How many copies the record holds in these layouts: `copyFields(record, layouts).length`, from the fields already fetched. */
function copyCount(fields: RecordFields, layouts: readonly CopyLayout[]): number {
  let count = 0;
  for (const layout of layouts) count += fields.data(LAYOUT_SPECS[layout].tag).length;
  return count;
}

export function numbering(text: string): string {
  const numbers = text.match(/\d+/g);
  return numbers ? numbers.map((n) => String(Number(n))).join('.') : foldForMatch(text);
}

function editionNumber(edition: string): string | undefined {
  return edition.match(/\d+/)?.[0];
}

export function recordFeatures(record: MarcRecord, index: number, source: RecordSource = 'input', layouts: readonly CopyLayout[] = COPY_LAYOUTS): RecordFeatures {
  const flavour = detectFlavour(record) === 'unimarc' ? 'unimarc' : 'marc21';
  const marc21 = flavour === 'marc21';
  const leader = record.leader;
  const fields = new RecordFields(record, marc21 ? MARC21_FEATURE_TAGS : UNIMARC_FEATURE_TAGS);
  const id = fields.control('001')?.trim() || undefined;

  const isbns = new Set<string>();
  for (const v of fields.subfieldValues(marc21 ? '020' : '010', 'a')) {
    const isbn = parseIsbn(v);
    if (isbn) isbns.add(isbn.isbn13 ?? isbn.compact);
  }
  const issns = new Set<string>();
  for (const v of fields.subfieldValues(marc21 ? '022' : '011', 'a')) {
    const issn = parseIssn(v);
    if (issn?.valid) issns.add(issn.compact);
  }
  const controlNumbers = new Set<string>();
  // A number is what is left without its "(ORG)" prefix; a prefix alone ("(OCoLC)") is no number.
  const addNumber = (value: string): void => {
    const n = controlNumber(value);
    if (n !== '') controlNumbers.add(n);
  };
  if (id) addNumber(id);
  for (const f of fields.data('035')) for (const sf of f.subfields) if (sf.code === 'a' || sf.code === 'z') addNumber(sf.value);

  const titleField = fields.firstData(marc21 ? '245' : '200');
  const main = titleField ? (subfieldValue(titleField, 'a') ?? '') : '';
  const rest = titleField ? subfieldValues(titleField, marc21 ? 'b' : 'e').join(' ') : '';

  const authors: string[] = [];
  const addAuthor = (heading: string | undefined): void => {
    if (!heading) return;
    const skeleton = authorSkeleton(heading);
    if (skeleton && !authors.includes(skeleton)) authors.push(skeleton);
  };
  const mainEntry = fields.firstData(marc21 ? '100' : '700');
  addAuthor(mainEntry && subfieldValue(mainEntry, 'a'));
  for (const f of fields.data(marc21 ? '700' : '701')) addAuthor(subfieldValue(f, 'a'));

  let year: number | undefined;
  if (marc21) {
    const fixed = fields.control('008');
    const date1 = fixed?.slice(7, 11);
    if (date1 && /^\d{4}$/.test(date1)) year = Number(date1);
    if (year === undefined) {
      const imprint = fields.firstData('264') ?? fields.firstData('260');
      const m = imprint && subfieldValue(imprint, 'c')?.match(YEAR);
      if (m) year = Number(m[1]);
    }
  } else {
    const coded = fields.firstData('100');
    const date1 = coded && subfieldValue(coded, 'a')?.slice(9, 13);
    if (date1 && /^\d{4}$/.test(date1)) year = Number(date1);
    if (year === undefined) {
      const m = fields.firstData('210') && subfieldValue(fields.firstData('210')!, 'd')?.match(YEAR);
      if (m) year = Number(m[1]);
    }
  }

  const imprint = marc21 ? (fields.firstData('264') ?? fields.firstData('260')) : fields.firstData('210');
  const publisherText = imprint && subfieldValue(imprint, marc21 ? 'b' : 'c');
  const extent = fields.firstData(marc21 ? '300' : '215');
  const editionField = fields.firstData(marc21 ? '250' : '205');
  const editionText = editionField && subfieldValue(editionField, 'a');

  const volumeParts: string[] = [];
  const seriesParts: string[] = [];
  if (titleField) volumeParts.push(...subfieldValues(titleField, marc21 ? 'n' : 'h'), ...subfieldValues(titleField, marc21 ? 'p' : 'i'));
  for (const f of fields.data(marc21 ? '490' : '225')) seriesParts.push(...subfieldValues(f, 'v'));
  const volume = numbering(volumeParts.join(' '));
  const seriesNumber = numbering(seriesParts.join(' '));

  let language: string | undefined;
  if (marc21) {
    const code = fields.control('008')?.slice(35, 38);
    language = code && /^[a-z]{3}$/.test(code) ? code : fields.firstData('041') && subfieldValue(fields.firstData('041')!, 'a');
  } else {
    language = fields.firstData('101') && subfieldValue(fields.firstData('101')!, 'a');
  }

  const componentPart = leader.at(7) === 'a' || leader.at(7) === 'b' || (marc21 ? fields.data('773').length > 0 : fields.data('461').length + fields.data('462').length + fields.data('463').length > 0);

  const title = titleKeyOf(main);
  const features: RecordFeatures = {
    index,
    source,
    flavour,
    type: leader.at(6),
    level: leader.at(7),
    isbns: [...isbns],
    issns: [...issns],
    controlNumbers: [...controlNumbers],
    title,
    // Without the rest of the title the key is the main title's (a trailing space makes no word).
    fullTitle: rest ? titleKeyOf(`${main} ${rest}`) : title,
    authors,
    componentPart,
    copies: copyCount(fields, layouts),
    display: {
      title: titleField ? titleField.subfields.filter((sf) => 'abnp'.includes(sf.code)).map((sf) => sf.value).join(' ') : '',
      author: mainEntry ? subfieldValues(mainEntry, 'a').concat(marc21 ? [] : subfieldValues(mainEntry, 'b')).join(' ') : '',
      imprint: imprint ? imprint.subfields.map((sf) => sf.value).join(' ') : '',
      extent: extent ? extent.subfields.map((sf) => sf.value).join(' ') : '',
      isbn: fields.subfieldValues(marc21 ? '020' : '010', 'a').join('; '),
    },
  };
  if (id) features.id = id;
  if (year !== undefined) features.year = year;
  // Folded across scripts: «Өнер» typed «Онер» in a cp1251 export is the same publisher.
  const publisher = publisherText ? publisherKey(publisherText) : '';
  if (publisher) features.publisher = publisher;
  const pages = pagesOf(extent && subfieldValue(extent, 'a'));
  if (pages !== undefined) features.pages = pages;
  if (editionText) {
    features.edition = foldForMatch(editionText);
    const n = editionNumber(editionText);
    if (n) features.editionNumber = n;
  }
  if (volume) features.volume = volume;
  if (seriesNumber) features.seriesNumber = seriesNumber;
  if (language) features.language = language.trim().toLowerCase();
  return features;
}
