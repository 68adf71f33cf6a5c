import rule from '../../src/rules/mixed-script-word.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=245  10$aҚазақстан тарихы :$bоқулық /$cҚ. Сәтбаев.' },
    { name: 'parts joined by a hyphen may be in different alphabets', record: '=245  10$aIT-компаниялар және SMS-хабарламалар :$bоқу құралы.' },
    { name: 'a Kazakh look-alike (Latin i) alone is kazakh-lookalike-letters\' business', record: '=245  10$aҚазiргi қазақ тiлi.' },
    { name: 'codes and classification numbers are not read', record: '=084  \\\\$a63.3(5Kаз)$2rubbk\n=245  10$aҚазақстан тарихы.' },
    { name: 'local 9XX fields are not read', record: '=245  10$aАбай жолы.\n=949  \\\\$aКХ-1023$bAбонемент' },
    { name: 'UNIMARC', record: '=200  1\\$aМенің Қазақстаным$fШ. Қалдаяқов', flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'a Latin a in a Cyrillic word',
      record: '=245  10$aКaзахстан :$bэнциклопедия.',
      errors: [{ messageId: 'mixed', tag: '245', subfield: 'a', message: 'Word "Кaзахстан" in 245 $a mixes Latin and Cyrillic letters; expected "Казахстан"', actual: 'Кaзахстан', expected: 'Казахстан' }],
      output: '=245  10$aКазахстан :$bэнциклопедия.',
    },
    {
      name: 'a homoglyph and a Roman numeral in one field are fixed in one pass',
      record: '=245  10$aИстория Pоссии в ХIХ веке /$cА. Иванов.',
      errors: [
        { messageId: 'mixed', tag: '245', subfield: 'a', actual: 'Pоссии', expected: 'России' },
        { messageId: 'roman', tag: '245', subfield: 'a', message: 'Roman numeral "ХIХ" in 245 $a mixes Latin and Cyrillic letters; expected "XIX"', actual: 'ХIХ', expected: 'XIX' },
      ],
      output: '=245  10$aИстория России в XIX веке /$cА. Иванов.',
    },
    {
      name: 'Cyrillic о in Latin words',
      record: '=246  3\\$aMicrоsoft Wоrd для начинающих',
      errors: [
        { messageId: 'mixed', subfield: 'a', actual: 'Micrоsoft', expected: 'Microsoft' },
        { messageId: 'mixed', subfield: 'a', actual: 'Wоrd', expected: 'Word' },
      ],
      output: '=246  3\\$aMicrosoft Word для начинающих',
    },
    {
      name: 'a Latin word with Cyrillic letters, Latin i and h included, goes back to Latin',
      record: '=500  \\\\$aСм. также: Сhicаgо manual of style ; thіs edition.',
      errors: [
        { messageId: 'mixed', subfield: 'a', actual: 'Сhicаgо', expected: 'Chicago' },
        { messageId: 'mixed', subfield: 'a', actual: 'thіs', expected: 'this' },
      ],
      output: '=500  \\\\$aСм. также: Chicago manual of style ; this edition.',
    },
    {
      name: 'a Kazakh word with more Latin i than Cyrillic letters stays Cyrillic',
      record: '=245  10$aiшiнaрa зерттеу',
      errors: [{ messageId: 'mixed', actual: 'iшiнaрa', expected: 'iшiнара' }],
      output: '=245  10$aiшiнара зерттеу',
    },
    {
      name: 'a Kazakh look-alike is left for the other rule, the homoglyph is fixed',
      record: '=650  \\7$aКaзiргi әдебиет$2rubbk',
      errors: [{ messageId: 'mixed', tag: '650', subfield: 'a', actual: 'Кaзiргi', expected: 'Казiргi' }],
      output: '=650  \\7$aКазiргi әдебиет$2rubbk',
    },
    {
      name: 'as many Latin as Cyrillic letters: reported, not fixed',
      record: '=245  10$aMoре и люди.',
      errors: [{ messageId: 'tie', message: 'Word "Moре" in 245 $a has as many Latin as Cyrillic letters; correct it by hand' }],
      output: null,
    },
    {
      name: 'a minority letter with no look-alike: reported, not fixed',
      record: '=710  2\\$aCeнтp изучения истории',
      errors: [{ messageId: 'noTwin', tag: '710', subfield: 'a', message: 'Word "Ceнтp" in 710 $a mixes Latin and Cyrillic letters, and "н" has no look-alike in the Latin alphabet; correct it by hand' }],
      output: null,
    },
    {
      name: 'UNIMARC 200 and 700',
      record: '=200  1\\$aҚазaқстан$fН. Ә. Назарбаев\n=700  \\1$aНазapбаев$bН. Ә.',
      flavour: 'unimarc',
      errors: [
        { messageId: 'mixed', tag: '200', subfield: 'a', expected: 'Қазақстан' },
        { messageId: 'mixed', tag: '700', subfield: 'a', expected: 'Назарбаев' },
      ],
      output: '=200  1\\$aҚазақстан$fН. Ә. Назарбаев\n=700  \\1$aНазарбаев$bН. Ә.',
    },
  ],
});
