import rule from '../../src/rules/initials-spacing.js';
import { testRule } from '../rule-tester.js';

const unimarc = '=101  0\\$akaz';

testRule(rule, {
  valid: [
    { record: '=100  1\\$aӘуезов, М. О.\n=245  10$aАбай жолы /$cМ. О. Әуезов.' },
    { name: 'full forenames, a forename entry and a family name', record: '=100  0\\$aАбай Құнанбайұлы\n=245  10$aҚара сөздер /$cАбай ; орыс тілінен аударған Дж. Лондон.\n=600  3\\$aҚұнанбаевтар\n=700  1\\$aТолстой, Лев Николаевич' },
    { name: 'UNIMARC $b with spaced initials', record: `${unimarc}\n=200  1\\$aКөшпенділер$fІ. Есенберлин\n=700  \\1$aЕсенберлин$bІ.$gІлияс\n=702  \\1$aСадырбаев$bШ. Ж.$4730`, flavour: 'unimarc' },
    { name: 'abbreviations and places in a statement are left alone', record: '=245  10$aҚарағанды облысы /$cҚР БҒМ ; С.-Петербург. ун-т ; ред. кол.: т.2.' },
  ],
  invalid: [
    {
      name: 'no comma after the surname and no space between initials',
      record: '=100  1\\$aӘуезов М.О.\n=245  10$aАбай жолы',
      errors: [
        { messageId: 'comma', tag: '100', subfield: 'a', actual: 'Әуезов М.О.', expected: 'Әуезов, М. О.' },
        { messageId: 'spacing', tag: '100', subfield: 'a', message: 'Initials not spaced in 100 $a: Әуезов М.О., expected Әуезов, М. О.' },
      ],
      output: '=100  1\\$aӘуезов, М. О.\n=245  10$aАбай жолы',
    },
    {
      name: 'a statement of responsibility with initials stuck to the surname',
      record: '=245  10$aАбай жолы /$cМ.О.Әуезов ; ред. Дж.Лондон.',
      errors: [{ messageId: 'spacing', tag: '245', subfield: 'c', expected: 'М. О. Әуезов ; ред. Дж. Лондон.' }],
      output: '=245  10$aАбай жолы /$cМ. О. Әуезов ; ред. Дж. Лондон.',
    },
    {
      name: 'an added entry with no space after the comma, ending before $e',
      record: '=245  10$aҚан мен тер\n=700  1\\$aСадырбаев,Ш.Ж.,$eаудармашы',
      errors: [{ messageId: 'spacing', tag: '700', expected: 'Садырбаев, Ш. Ж.,' }],
      output: '=245  10$aҚан мен тер\n=700  1\\$aСадырбаев, Ш. Ж.,$eаудармашы',
    },
    {
      name: 'UNIMARC $b and 200 $f',
      flavour: 'unimarc',
      record: `${unimarc}\n=200  1\\$aАбай жолы$fМ.О.Әуезов\n=700  \\1$aӘуезов$bМ.О.`,
      errors: [
        { messageId: 'spacing', tag: '200', subfield: 'f', expected: 'М. О. Әуезов' },
        { messageId: 'spacing', tag: '700', subfield: 'b', expected: 'М. О.' },
      ],
      output: `${unimarc}\n=200  1\\$aАбай жолы$fМ. О. Әуезов\n=700  \\1$aӘуезов$bМ. О.`,
    },
  ],
});
