import rule from '../../src/rules/bbk-syntax.js';
import { testRule } from '../rule-tester.js';

const title = '=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.';
const unimarc = '=101  0\\$akaz\n=200  1\\$aАбай жолы$fМ. Әуезов';

testRule(rule, {
  valid: [
    { name: 'Kazakh fiction, history, pedagogy and language indexes', record: `${title}\n=084  \\\\$a84(5Каз)-44$2rubbk\n=084  \\\\$a63.3(5Каз)$2rubbk\n=084  \\\\$a74.268.1$2rubbk\n=084  \\\\$a81.2Каз-922$2rubbk` },
    { name: 'an old edition index with a letter first, and a Russian translation', record: `${title}\n=084  \\\\$aШ5(2=411.2)6-44$2rubbkm\n=084  \\\\$a84(5Каз=Рус)-44` },
    { name: 'type subdivision, class-66 comma subdivision, relation and a programming index', record: `${title}\n=084  \\\\$a63.3(5Каз)я7$2rubbk\n=084  \\\\$a66.3(2Рос),12$2rubbk\n=084  \\\\$a74.58:63.3$2rubbk\n=084  \\\\$a32.973.26-018.2$2rubbk` },
    { name: 'another scheme in 084 is not BBK', record: `${title}\n=084  \\\\$a06.61.33$2rugasnti` },
    { name: 'without $2, when the catalog does not leave it out, 084 is not read', record: `${title}\n=084  \\\\$a84(5Каз-44`, options: { withoutSource: false } },
    { name: 'UNIMARC 686', record: `${unimarc}\n=686  \\\\$a84(5Каз)-44$2rubbk`, flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'unbalanced parenthesis',
      record: `${title}\n=084  \\\\$a84(5Каз-44$2rubbk`,
      errors: [{ messageId: 'syntax', tag: '084', subfield: 'a', message: 'BBK index 84(5Каз-44 in 084 $a is not well-formed: unbalanced parentheses: "(" without ")"' }],
      output: null,
    },
    {
      name: 'two periods in a row',
      record: `${title}\n=084  \\\\$a84..3$2rubbk`,
      errors: [{ messageId: 'syntax', message: 'BBK index 84..3 in 084 $a is not well-formed: two periods in a row' }],
      output: null,
    },
    {
      name: 'a comma for the period is fixed',
      record: `${title}\n=084  \\\\$a63,3(5Каз)$2rubbk`,
      errors: [{ messageId: 'comma', tag: '084', subfield: 'a', actual: '63,3(5Каз)', expected: '63.3(5Каз)' }],
      output: `${title}\n=084  \\\\$a63.3(5Каз)$2rubbk`,
    },
    {
      name: 'a trailing period and a comma in one index, fixed in one pass',
      record: `${title}\n=084  \\\\$a74,268,1.$2rubbk`,
      errors: [
        { messageId: 'trailing', expected: '74.268.1' },
        { messageId: 'comma', expected: '74.268.1' },
      ],
      output: `${title}\n=084  \\\\$a74.268.1$2rubbk`,
    },
    {
      name: 'a Latin K typed for the Cyrillic К is reported, not fixed',
      record: `${title}\n=084  \\\\$a84(5Kaз)-44$2rubbk`,
      errors: [{ messageId: 'latin', actual: '84(5Kaз)-44', expected: '84(5Каз)-44', message: 'Latin letters (K a) in BBK index 84(5Kaз)-44 in 084 $a: BBK uses Cyrillic letters, expected 84(5Каз)-44' }],
      output: null,
    },
    {
      name: 'digits not grouped and a space before the parenthesis',
      record: `${title}\n=084  \\\\$a843$2rubbk\n=084  \\\\$a63.3 (5Каз)`,
      errors: [
        { messageId: 'syntax', tag: '084', occurrence: 0, message: 'BBK index 843 in 084 $a is not well-formed: "843" needs a period after the first two digits' },
        { messageId: 'syntax', tag: '084', occurrence: 1, message: 'BBK index 63.3 (5Каз) in 084 $a is not well-formed: a space inside the index' },
      ],
      output: null,
    },
    {
      name: 'UNIMARC 686 with a trailing period and an unbalanced parenthesis: the period goes, the parenthesis is reported',
      flavour: 'unimarc',
      record: `${unimarc}\n=686  \\\\$a84(5Каз-44.$2rubbk`,
      errors: [
        { messageId: 'trailing', tag: '686', expected: '84(5Каз-44' },
        { messageId: 'syntax', tag: '686' },
      ],
      output: `${unimarc}\n=686  \\\\$a84(5Каз-44$2rubbk`,
    },
  ],
});
