/**
 * Fields that may occur only once in a bibliographic record. Only tags whose
 * status is certain are listed; a tag not listed is not checked. The title
 * fields (MARC21 245, UNIMARC 200) are not here: required-title checks them.
 *
 * Sources: MARC 21 Format for Bibliographic Data (LC; 250 has been repeatable
 * since 2013 and is not listed); UNIMARC Manual – Bibliographic (3rd ed. and
 * updates) and RUSMARC.
 */
export const MARC21_NON_REPEATABLE: ReadonlySet<string> = new Set([
  '001', // control number
  '003', // control number identifier
  '005', // date and time of latest transaction
  '008', // fixed-length data elements
  '010', // LC control number
  '018', // copyright article-fee code
  '036', // original study number
  '038', // record content licensor
  '040', // cataloging source
  '042', // authentication code
  '043', // geographic area code
  '044', // country of publishing entity code
  '045', // time period of content
  '066', // character sets present
  '100', // main entry – personal name
  '110', // main entry – corporate name
  '111', // main entry – meeting name
  '130', // main entry – uniform title
  '240', // uniform title
  '243', // collective uniform title
  '254', // musical presentation statement
  '256', // computer file characteristics
  '263', // projected publication date
  '306', // playing time
  '310', // current publication frequency
  '357', // originator dissemination control
  '384', // key
  '507', // scale note for graphic material
]);

/** MARC 21 main entry fields: a record has at most one of them, whichever it is. */
export const MARC21_MAIN_ENTRIES: ReadonlySet<string> = new Set(['100', '110', '111', '130']);

export const UNIMARC_NON_REPEATABLE: ReadonlySet<string> = new Set([
  '001', // record identifier
  '003', // persistent record identifier
  '005', // version identifier
  '100', // general processing data
  '101', // language of the resource
  '102', // country of publication or production
  '105', // coded data: textual language material, monographic
  '106', // coded data: form of item
  '700', // personal name – primary responsibility
]);
