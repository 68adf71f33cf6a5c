import rule from '../../src/rules/kazakh-lookalike-letters.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=245  10$aҚазіргі қазақ әдебиеті :$bоқулық /$cР. Нұрғали.' },
    { name: 'Latin words are never touched', record: '=546  \\\\$aТекст каз., англ. Summary in English: history of the Kazakh khanate.' },
    { name: 'a Roman numeral typed with a Cyrillic Х is mixed-script-word\'s', record: '=245  10$aХIХ ғасыр әдебиеті.' },
    { name: 'Greek theta outside a Cyrillic word stays theta', record: '=500  \\\\$aФормула θ = 2π.' },
    { name: 'a Bashkir book keeps its own letters (ҡ, ҫ)', record: '=041  0\\$abak\n=245  10$aБашҡорт халыҡ әкиәттәре.' },
    { name: 'UNIMARC', record: '=200  1\\$aҚарағанды шаһары$eтарихи очерк', flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'Latin i for і',
      record: '=245  10$aҚазiргi қазақ тiлi.',
      errors: [
        { messageId: 'lookalike', tag: '245', subfield: 'a', message: 'Word "Қазiргi" in 245 $a has i (U+0069) for і; expected "Қазіргі"', actual: 'Қазiргi', expected: 'Қазіргі' },
        { messageId: 'lookalike', tag: '245', subfield: 'a', actual: 'тiлi', expected: 'тілі' },
      ],
      output: '=245  10$aҚазіргі қазақ тілі.',
    },
    {
      name: 'Latin schwa and i in one word',
      record: '=650  \\7$aҚазақ əдебиетi$2rubbk',
      errors: [{ messageId: 'lookalike', tag: '650', message: 'Word "əдебиетi" in 650 $a has ə (U+0259) for ә, i (U+0069) for і; expected "әдебиеті"' }],
      output: '=650  \\7$aҚазақ әдебиеті$2rubbk',
    },
    {
      name: 'Khakas ӊ and Altai ҥ for ң, Bashkir ҡ for қ',
      record: '=245  10$aМәӊгілік ел :$bҚазаҡстанныҥ болашағы.',
      errors: [
        { messageId: 'lookalike', subfield: 'a', actual: 'Мәӊгілік', expected: 'Мәңгілік' },
        { messageId: 'lookalike', subfield: 'b', actual: 'Қазаҡстанныҥ', expected: 'Қазақстанның' },
      ],
      output: '=245  10$aМәңгілік ел :$bҚазақстанның болашағы.',
    },
    {
      name: 'Greek theta inside a Cyrillic word is ө',
      record: '=100  1\\$aΘтебаев, Ә.',
      errors: [{ messageId: 'lookalike', tag: '100', actual: 'Θтебаев', expected: 'Өтебаев' }],
      output: '=100  1\\$aӨтебаев, Ә.',
    },
    {
      name: 'in a Bashkir book a Latin i is still a look-alike',
      record: '=041  0\\$abak$akaz\n=245  10$aБашҡорт һәм қазақ ертегiлерi.',
      errors: [{ messageId: 'lookalike', tag: '245', actual: 'ертегiлерi', expected: 'ертегілері' }],
      output: '=041  0\\$abak$akaz\n=245  10$aБашҡорт һәм қазақ ертегілері.',
    },
    {
      name: 'UNIMARC: Latin h for һ',
      record: '=200  1\\$aҚарағанды шаhары$eтарихи очерк',
      flavour: 'unimarc',
      errors: [{ messageId: 'lookalike', tag: '200', subfield: 'a', actual: 'шаhары', expected: 'шаһары' }],
      output: '=200  1\\$aҚарағанды шаһары$eтарихи очерк',
    },
  ],
});
