import rule from '../../src/rules/main-entry-repeated.js';
import { testRule } from '../rule-tester.js';

const auezov = '=100  1\\$aӘуезов, Мұхтар,$d1897-1961.\n=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.';
const unimarc = '=101  0\\$arus\n=200  1\\$aПуть Абая$fМ. Ауэзов';

testRule(rule, {
  valid: [
    { name: 'a translator as an added entry', record: `${auezov}\n=700  1\\$aСадырбаев, Ш.$eаудармашы$4trl` },
    { name: 'a person with the same surname but other initials', record: '=100  1\\$aЕсенберлин, І.\n=245  10$aКөшпенділер /$cІ. Есенберлин.\n=700  1\\$aЕсенберлин, Т.$eред.$4edt' },
    { name: 'UNIMARC: the editor in 702 is another role', record: `${unimarc}\n=700  \\1$aАуэзов$bМ. О.$4070\n=702  \\1$aАуэзов$bМ. О.$4340`, flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'the author repeated as an added entry with nothing more is removed',
      record: `${auezov}\n=700  1\\$aӘуезов, Мұхтар,$d1897-1961.`,
      errors: [{ messageId: 'repeated', tag: '700', subfield: 'a', message: 'Main entry Әуезов, Мұхтар (100 $a) is repeated as an added entry in 700 $a; the added entry is removed' }],
      output: auezov,
    },
    {
      name: 'case, ё/е, spaces and trailing punctuation do not matter; an author relator adds nothing',
      record: '=100  1\\$aПотёмкин, Ю. А.\n=245  10$aИстория Караганды /$cЮ. А. Потемкин.\n=700  1\\$aПОТЕМКИН,  Ю.А.$eавтор.$4aut',
      errors: [{ messageId: 'repeated', actual: 'ПОТЕМКИН,  Ю.А.' }],
      output: '=100  1\\$aПотёмкин, Ю. А.\n=245  10$aИстория Караганды /$cЮ. А. Потемкин.',
    },
    {
      name: 'a repeat with another role or a title says more: reported, not removed',
      record: `${auezov}\n=700  1\\$aӘуезов, Мұхтар$eредактор$4edt\n=700  12$aӘуезов, Мұхтар.$tҚараш-Қараш оқиғасы.`,
      errors: [
        { messageId: 'repeatedWithMore', occurrence: 0, message: 'Main entry Әуезов, Мұхтар (100 $a) is repeated as an added entry in 700 $a, which says more ($e редактор $4 edt): check which one is meant' },
        { messageId: 'repeatedWithMore', occurrence: 1 },
      ],
      output: null,
    },
    {
      name: 'UNIMARC 701 repeating 700',
      flavour: 'unimarc',
      record: `${unimarc}\n=700  \\1$aАуэзов$bМ. О.$f1897-1961\n=701  \\1$aАуэзов$bМ.О.$4070`,
      errors: [{ messageId: 'repeated', tag: '701', message: 'Main entry Ауэзов М. О. (700 $a) is repeated as an added entry in 701 $a; the added entry is removed' }],
      output: `${unimarc}\n=700  \\1$aАуэзов$bМ. О.$f1897-1961`,
    },
  ],
});
