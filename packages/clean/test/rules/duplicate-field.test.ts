import rule from '../../src/rules/duplicate-field.js';
import { testRule } from '../rule-tester.js';

const abai = '=245  10$aАбай жолы /$cМ. Әуезов.';

testRule(rule, {
  valid: [
    { record: `${abai}\n=650  \\7$aҚазақ әдебиеті$2rubbk\n=650  \\7$aРоман$2rubbk` },
    { name: 'same text, other indicators', record: `${abai}\n=650  \\7$aРоман$2rubbk\n=650  \\4$aРоман` },
    { name: 'two copies with their own inventory numbers', record: `${abai}\n=949  \\\\$aЦГБ$i000123\n=949  \\\\$aЦГБ$i000124` },
  ],
  invalid: [
    {
      name: 'a subject entered twice',
      record: `${abai}\n=650  \\7$aРоман$2rubbk\n=650  \\7$aРоман$2rubbk`,
      errors: [{ messageId: 'duplicate', tag: '650', occurrence: 1, message: '650 repeats an earlier 650 exactly; the later one is removed' }],
      output: `${abai}\n=650  \\7$aРоман$2rubbk`,
    },
    {
      name: 'an import run three times: every later copy goes in one pass',
      record: `=020  \\\\$a9786010313286\n=020  \\\\$a9786010313286\n${abai}\n=650  \\7$aРоман$2rubbk\n=650  \\7$aРоман$2rubbk\n=650  \\7$aРоман$2rubbk`,
      errors: [
        { messageId: 'duplicate', tag: '020', occurrence: 1 },
        { messageId: 'duplicate', tag: '650', occurrence: 1 },
        { messageId: 'duplicate', tag: '650', occurrence: 2 },
      ],
      output: `=020  \\\\$a9786010313286\n${abai}\n=650  \\7$aРоман$2rubbk`,
    },
    {
      name: 'two identical copies are reported, never removed',
      record: `${abai}\n=949  \\\\$aЦГБ$i000123\n=949  \\\\$aЦГБ$i000123`,
      errors: [
        {
          messageId: 'copy',
          tag: '949',
          occurrence: 1,
          message: '949 repeats an earlier 949 exactly, but 949 describes a copy: it is not removed, check whether two copies were entered with the same data',
        },
      ],
      output: null,
    },
    {
      name: 'RUSMARC: a duplicate subject goes, a duplicate 995 copy stays',
      record: '=101  0\\$arus\n=200  1\\$aКараганда\n=606  0\\$aКраеведение\n=606  0\\$aКраеведение\n=995  \\\\$bЦБС$f000777\n=995  \\\\$bЦБС$f000777',
      errors: [
        { messageId: 'duplicate', tag: '606', occurrence: 1 },
        { messageId: 'copy', tag: '995', occurrence: 1 },
      ],
      output: '=101  0\\$arus\n=200  1\\$aКараганда\n=606  0\\$aКраеведение\n=995  \\\\$bЦБС$f000777\n=995  \\\\$bЦБС$f000777',
    },
    {
      name: 'a local copy tag set by the options',
      record: `${abai}\n=955  \\\\$aФ-4$b55\n=955  \\\\$aФ-4$b55`,
      options: { copyTags: ['955'] },
      errors: [{ messageId: 'copy', tag: '955' }],
      output: null,
    },
  ],
});
