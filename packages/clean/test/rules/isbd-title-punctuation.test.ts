import rule from '../../src/rules/isbd-title-punctuation.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.' },
    { name: 'a parallel title', record: '=245  00$aҚазақстан тарихы =$bHistory of Kazakhstan /$cред. М. Қозыбаев.' },
    { name: 'part number and name', record: '=245  10$aСобрание сочинений.$nТ. 2,$pСтихотворения /$cА. С. Пушкин.' },
    { name: 'the last word is an abbreviation', record: '=245  10$aАбай жолы :$bроман /$cМ. Әуезов ; пер. с каз.' },
    { name: 'ends with a question mark', record: '=245  10$aКім кінәлі?' },
    { name: 'a space after the mark is left to subfield-whitespace', record: '=245  10$aАбай жолы : $bроман-эпопея /$cМ. Әуезов.' },
    { name: 'a Kazakh volume number "3-т." is an abbreviation', record: '=245  10$aСоғыс және бейбітшілік.$n3-т. /$cЛ. Н. Толстой.' },
    { name: 'ISBD punctuation left out on purpose (leader/18 c)', record: '=LDR  00000nam a2200000 c 4500\n=245  10$aАбай жолы$bроман-эпопея$cМ. Әуезов' },
  ],
  invalid: [
    {
      name: 'a slash typed without its space',
      record: '=245  10$aАбай жолы/$cМ. Әуезов.',
      errors: [{ messageId: 'before', tag: '245', subfield: 'a', message: 'Expected "/" at the end of 245 $a before $c', actual: '"Абай жолы/"', expected: '"Абай жолы /"' }],
      output: '=245  10$aАбай жолы /$cМ. Әуезов.',
    },
    {
      name: 'no marks at all: every subfield is fixed in one pass',
      record: '=245  10$aАбай жолы$bроман-эпопея$cМ. Әуезов',
      errors: [
        { messageId: 'before', subfield: 'a', expected: '"Абай жолы :"' },
        { messageId: 'before', subfield: 'b', expected: '"роман-эпопея /"' },
        { messageId: 'end', subfield: 'c', message: 'Expected a period at the end of 245 (after $c)', expected: '"М. Әуезов."' },
      ],
      output: '=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.',
    },
    {
      name: 'a wrong mark is replaced, a title in another script is a parallel title',
      record: '=245  00$aҚазақстан тарихы /$bHistory of Kazakhstan /$cред. М. Қозыбаев.',
      errors: [{ messageId: 'before', subfield: 'a', message: 'Expected "=" at the end of 245 $a before $b' }],
      output: '=245  00$aҚазақстан тарихы =$bHistory of Kazakhstan /$cред. М. Қозыбаев.',
    },
    {
      name: 'a Kazakh and Russian parallel title, traced in 246 with second indicator 1',
      record: '=245  00$aҚазақстан тарихы$bИстория Казахстана /$cред. М. Қозыбаев.\n=246  31$aИстория Казахстана',
      errors: [{ messageId: 'before', subfield: 'a', expected: '"Қазақстан тарихы ="' }],
      output: '=245  00$aҚазақстан тарихы =$bИстория Казахстана /$cред. М. Қозыбаев.\n=246  31$aИстория Казахстана',
    },
    {
      name: 'a wrong period before $b goes, an abbreviation keeps its period',
      record: '=245  10$aИзбр. произв.$bв 2 т.$nТ. 1 :$pПовести',
      errors: [
        { messageId: 'before', subfield: 'a', expected: '"Избр. произв. :"' },
        { messageId: 'before', subfield: 'n', expected: '"Т. 1,"' },
        { messageId: 'end', subfield: 'p', expected: '"Повести."' },
      ],
      output: '=245  10$aИзбр. произв. :$bв 2 т.$nТ. 1,$pПовести.',
    },
    {
      name: 'a double period at the end',
      record: '=245  10$aБалаларға арналған әңгімелер /$cЫ. Алтынсарин..',
      errors: [{ messageId: 'end', subfield: 'c', expected: '"Ы. Алтынсарин."' }],
      output: '=245  10$aБалаларға арналған әңгімелер /$cЫ. Алтынсарин.',
    },
    {
      name: 'a closing bracket takes a period after it',
      record: '=245  10$aАбай жолы /$c[М. Әуезов]',
      errors: [{ messageId: 'end', subfield: 'c', expected: '"[М. Әуезов]."' }],
      output: '=245  10$aАбай жолы /$c[М. Әуезов].',
    },
  ],
});
