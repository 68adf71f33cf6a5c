/**
 * The quick well-formedness check that spares most records fast-xml-parser's
 * XMLValidator: it must never vouch for a text XMLValidator rejects (then the
 * reader would parse a malformed record that XMLParser silently "repairs"), and
 * it should vouch for what kitap and other tools write.
 */
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { isPlainWellFormed } from '../../src/marcxml/quick-check.js';
import { marcXmlRecord } from '../../src/marcxml/writer.js';
import { abaiRecord, recordArb, tolstoyRecord } from './helpers.js';

const validates = (text: string) => XMLValidator.validate(text, { allowBooleanAttributes: false }) === true;

describe('isPlainWellFormed', () => {
  it('vouches for records as kitap writes them (pretty or not), prefixed, and with references', () => {
    for (const record of [abaiRecord(), tolstoyRecord()]) {
      expect(isPlainWellFormed(marcXmlRecord(record))).toBe(true);
      expect(isPlainWellFormed(marcXmlRecord(record, 0, { pretty: false }))).toBe(true);
    }
    expect(
      isPlainWellFormed(
        `<marc:record xmlns:marc="http://www.loc.gov/MARC21/slim" type='Bibliographic'>\r\n <marc:leader>00000nam a2200000 i 4500</marc:leader><marc:datafield tag="245" ind1="1" ind2=" "><marc:subfield code="a">Абай &amp; &#1241; &#x4D8; &quot;x&quot; > y</marc:subfield></marc:datafield ></marc:record>`,
      ),
    ).toBe(true);
  });

  it('leaves to XMLValidator what it does not vouch for, malformed or not', () => {
    const cases = [
      '<record><a>x</b></record>', // mismatched
      '<record><a>x</record>', // unclosed
      '<record><a>x</a>', // unclosed root
      '<record><a x="1" x="2">x</a></record>', // repeated attribute
      '<record><a x>x</a></record>', // boolean attribute
      '<record><a x=1>x</a></record>', // unquoted
      '<record><a x="1"y="2">x</a></record>', // no space between attributes
      '<record><a x="<">x</a></record>', // '<' in a value (XMLValidator accepts it; the check does not vouch)
      '<record><1a>x</1a></record>', // invalid name
      '<record><a>x & y</a></record>', // bare &
      '<record><a>&#X41;</a></record>', // XMLValidator takes no X
      '<record><a>x</a></record>junk', // text after the root
      '<record/><record/>', // two roots
      '<record><a>x<!-- c --></a></record>', // comment: well-formed, but for XMLValidator to judge
      '<record><a><![CDATA[x]]></a></record>',
      '<record><?pi x?><a>x</a></record>',
      '<record><a>x</ a></record>',
      '<record><a/ ></record>',
      '<запись/>', // a non-ASCII name
      '',
      'text',
    ];
    for (const text of cases) expect(isPlainWellFormed(text), text).toBe(false);
  });

  it('property: never vouches for a text XMLValidator rejects (records with bytes inserted, deleted, moved)', () => {
    const tokens = ['<', '>', '/', '=', '"', "'", '&', '&amp;', '&#;', '&#x;', '&a;', ' ', '\n', '</subfield>', '<subfield code="a">', '<x/>', ' x="1"', '<!---->', '<?x?>', 'record', ':'];
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...tokens) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('move' as const), at: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
    );
    fc.assert(
      fc.property(recordArb, fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (record, pretty, mutations) => {
        let text = marcXmlRecord(record, 0, { pretty });
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          if (m.kind === 'insert') text = text.slice(0, at) + m.token + text.slice(at);
          else if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
          else {
            const from = m.from % (text.length + 1);
            text = text.slice(0, at) + text.slice(from, from + m.length) + text.slice(at);
          }
        }
        if (isPlainWellFormed(text)) expect(validates(text), text).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
