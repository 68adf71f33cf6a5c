import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languageGroupOf } from '../../src/statistics/index.js';

describe('languageGroupOf', () => {
  it('takes the record’s language codes first', () => {
    expect(languageGroupOf({ languages: ['kaz'], title: 'Абай жолы' })).toBe('kaz');
    expect(languageGroupOf({ languages: ['rus'], title: 'Путь Абая' })).toBe('other');
    // A Russian translation of a Kazakh novel: the code says Russian, whatever letters the title has.
    expect(languageGroupOf({ languages: ['rus'], title: 'Көшпенділер' })).toBe('other');
    // A Kazakh title written only with letters Russian shares still counts as Kazakh by its code.
    expect(languageGroupOf({ languages: ['kaz'], title: 'Абай жолы' })).toBe('kaz');
  });

  it('counts a copy as Kazakh when kaz is anywhere among the codes', () => {
    expect(languageGroupOf({ languages: ['rus', 'kaz'] })).toBe('kaz');
    expect(languageGroupOf({ languages: ['eng', 'rus', 'kaz'], title: 'English–Russian–Kazakh dictionary' })).toBe('kaz');
    expect(languageGroupOf({ languages: ['rus', 'eng'] })).toBe('other');
  });

  it('reads the spellings of the Kazakh code catalogs use', () => {
    for (const code of ['kaz', 'KAZ', ' kaz ', 'kk', 'каз', 'қаз', 'ҚАЗ']) expect(languageGroupOf({ languages: [code] }), code).toBe('kaz');
  });

  it('falls back to the title’s letters only when no language is coded', () => {
    expect(languageGroupOf({ languages: [], title: 'Көшпенділер' })).toBe('kaz');
    expect(languageGroupOf({ languages: [], title: 'Есенберлин І. Көшпенділер' })).toBe('kaz');
    expect(languageGroupOf({ languages: [], title: 'Война и мир' })).toBe('other');
    // «Абай жолы» has no letter that only Kazakh uses: without a code it cannot be told from Russian.
    expect(languageGroupOf({ languages: [], title: 'Абай жолы' })).toBe('other');
    expect(languageGroupOf({ languages: [] })).toBe('other');
    // Codes that name no language: blanks, fill characters, undetermined, multiple, none.
    for (const code of ['', '   ', '|||', '###', 'und', 'mul', 'zxx']) {
      expect(languageGroupOf({ languages: [code], title: 'Қазақ әдебиеті' }), code).toBe('kaz');
      expect(languageGroupOf({ languages: [code], title: 'Русская литература' }), code).toBe('other');
    }
  });

  it('is decided by the codes whenever one names a language', () => {
    const title = fc.string({ unit: fc.constantFrom(...'АбайжолыӘҒҚҢӨҰҮҺІәғқңөұүһі '), maxLength: 20 });
    const code = fc.constantFrom('rus', 'eng', 'deu', 'kir', 'uzb', 'tur');
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 3 }), title, (codes, t) => {
        expect(languageGroupOf({ languages: codes, title: t })).toBe('other');
        expect(languageGroupOf({ languages: [...codes, 'kaz'], title: t })).toBe('kaz');
      }),
    );
  });
});
