import rule from '../../src/rules/probable-misprint.js';
import { testCrossRule } from '../rule-tester.js';

/** A small catalog: one record per subject heading, each with its own title. */
function catalog(subjects: readonly string[], extra = ''): string {
  return subjects.map((s, i) => `=001  KZ-${String(i + 1).padStart(6, '0')}\n=245  10$aКітап ${i + 1}\n=650  \\4$a${s}${extra}`).join('\n\n');
}

const fiveTimes = Array<string>(5).fill('Қазақстан -- Тарих');

testCrossRule(rule, {
  valid: [
    { name: 'a rare word with no frequent neighbour', records: catalog([...fiveTimes, 'Жезқазған -- Тарих']) },
    { name: 'two words one letter apart that are both frequent', records: catalog([...fiveTimes, ...Array<string>(5).fill('Қазақстанға саяхат')]) },
    { name: 'a word below the frequency threshold suggests nothing', records: catalog([...fiveTimes.slice(1), 'Қазақтан -- Тарих']) },
    { name: 'the same misprint in another field is not compared with 650', records: `${catalog(fiveTimes)}\n\n=001  KZ-000099\n=245  10$aҚазақтан`, options: {} },
    {
      name: 'a compound stays one word: "учебно-методическое" is not a misprint of "учебное"',
      records: [...Array<string>(5).fill('учебное пособие'), 'учебно-методическое пособие'].map((b, i) => `=001  KZ-${i + 1}\n=245  10$aҚазақ әдебиеті ${i + 1} :$b${b}`).join('\n\n'),
    },
    { name: 'short words are not counted', records: catalog([...Array<string>(5).fill('Тіл'), 'Тол']), options: { minLength: 4 } },
  ],
  invalid: [
    {
      name: '"Қазақтан" once next to "Қазақстан" five times in 650 $a',
      records: catalog([...fiveTimes, 'Қазақтан -- Тарих']),
      errors: [{ messageId: 'misprint', index: 5, tag: '650', subfield: 'a', actual: 'қазақтан', expected: 'қазақстан', message: 'Probable misprint "қазақтан": the catalog has "қазақстан" 5 times in the same field' }],
    },
    {
      name: 'two letters swapped ("Қазақтсан") count as one typing slip',
      records: catalog([...fiveTimes, 'Қазақтсан -- Тарих']),
      errors: [{ messageId: 'misprint', index: 5, tag: '650', actual: 'қазақтсан', expected: 'қазақстан' }],
    },
    {
      name: 'a Russian letter typed for a Kazakh one, in a UNIMARC subject (606 $a)',
      records: [...Array<string>(5).fill('Қарағанды облысы'), 'Қараганды облысы']
        .map((s, i) => `=001  RU-${i + 1}\n=101  0\\$akaz\n=200  1\\$aӨлкетану ${i + 1}\n=606  0\\$a${s}`)
        .join('\n\n'),
      errors: [{ messageId: 'misprint', index: 5, tag: '606', actual: 'қараганды', expected: 'қарағанды' }],
    },
    {
      name: 'with rareMax 2, a misprint made twice is found, and the most frequent of two neighbours is suggested',
      records: [...Array<string>(5).fill('Библиотека и читатель'), ...Array<string>(7).fill('Библиотеки Караганды'), 'Библиотеко Караганды', 'Библиотеко Темиртау']
        .map((t, i) => `=001  KZ-${i + 1}\n=245  00$a${t}`)
        .join('\n\n'),
      options: { rareMax: 2 },
      errors: [{ messageId: 'misprint', index: 12, tag: '245', subfield: 'a', expected: 'библиотеки', message: 'Probable misprint "библиотеко": the catalog has "библиотеки" 7 times in the same field' }],
    },
  ],
});
