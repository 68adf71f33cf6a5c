import { describe, expect, it } from 'vitest';
import { decode, detectCharset, encode, type CharsetName } from '../../src/charset/index.js';

/** A record-shaped buffer: leader, a directory, indicators, subfield delimiters, then text encoded in cs. */
function record(texts: string[], cs: CharsetName, leader09 = ' '): Uint8Array {
  const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
  const fields = texts.map((t) => [...ascii('1 \u001fa'), ...encode(t, cs), 0x1e]);
  const dir = fields.map((f, i) => `245${String(f.length).padStart(4, '0')}${String(i * 10).padStart(5, '0')}`).join('');
  const leader = `00000nam${leader09}a2200000 i 4500`;
  return Uint8Array.from([...ascii(leader), ...ascii(dir), 0x1e, ...fields.flat(), 0x1d]);
}

const RUSSIAN = [
  'Основы гидравлического расчета инженерных сетей : учебное пособие для студентов высших учебных заведений',
  'Иванов, Иван Иванович ; под редакцией П. П. Петрова',
  'Москва : Стройиздат, 1985. 320 с. : ил.',
  'Ёлки. Съезд объёмных подъездов. Библиография в конце глав',
];
const KAZAKH = [
  'Қазақстан Республикасының тарихы : оқулық',
  'Абай Құнанбайұлы. Абай жолы : роман-эпопея',
  'Алматы : Мектеп, 2004. 256 б. Ғылыми еңбектер жинағы',
  'Өнер және әдебиет. Ұлттық кітапхана. Үкімет қаулысы',
];
const UKRAINIAN = ['Клінічно-лабораторні дослідження', 'Київ : Наукова думка, 1987. Її історія та своє життя'];
const WESTERN = ['Société générale de librairie', 'Études françaises : à la recherche du temps perdu', 'Müller, Jürgen. Øresund og Åse', 'señor García'];
const dashless = (t: string): string => t.replace(/—/g, '-');

describe('detectCharset: trivial cases', () => {
  it('pure ASCII is UTF-8, certain', () => {
    const d = detectCharset(record(['Jack Collins, How to program a computer'], 'utf-8'), { leader09: ' ' });
    expect(d).toMatchObject({ charset: 'utf-8', confidence: 'certain' });
    expect(d.reason).toMatch(/ASCII/);
  });

  it('pure ASCII keeps the charset of earlier records', () => {
    expect(detectCharset(record(['Jack Collins'], 'utf-8'), { prior: 'cp1251' })).toMatchObject({ charset: 'cp1251', confidence: 'certain' });
  });

  it('valid UTF-8 is certain, and a blank leader/09 is reported as contradicted', () => {
    const d = detectCharset(record([...RUSSIAN, ...KAZAKH], 'utf-8'), { leader09: ' ' });
    expect(d).toMatchObject({ charset: 'utf-8', confidence: 'certain' });
    expect(d.reason).toMatch(/leader\/09 blank .*contradict/);
    expect(detectCharset(record(['Абай жолы'], 'utf-8'), { leader09: 'a' })).toMatchObject({ charset: 'utf-8', confidence: 'certain' });
  });

  it('MARC-8 escape sequences mean MARC-8', () => {
    const d = detectCharset(record(['Москва : Наука, 1985', 'Société'], 'marc8'), { leader09: ' ' });
    expect(d).toMatchObject({ charset: 'marc8', confidence: 'certain' });
    expect(d.reason).toMatch(/Basic Cyrillic/);
    expect(detectCharset(record(['Москва'], 'marc8'), { leader09: 'a' })).toMatchObject({ charset: 'marc8', confidence: 'likely' });
  });

  it('ANSEL diacritics before letters with a blank leader/09 mean MARC-8', () => {
    const d = detectCharset(record(WESTERN, 'marc8'), { leader09: ' ' });
    expect(d).toMatchObject({ charset: 'marc8', confidence: 'likely' });
  });

  it('UTF-8 with a few damaged bytes stays UTF-8', () => {
    const b = record([...RUSSIAN], 'utf-8', 'a');
    const i = b.indexOf(0xd0, 40);
    b[i] = 0xff;
    expect(detectCharset(b, { leader09: 'a' })).toMatchObject({ charset: 'utf-8', confidence: 'likely' });
  });

  it('does not take cp866 "Ёлки" (F0 AB AA A8, valid UTF-8 for U+2BAA8) for UTF-8', () => {
    const b = record(['Ёлки'], 'cp866');
    const d = detectCharset(b);
    expect(d.charset).toBe('cp866');
    expect(d.reason).toMatch(/valid UTF-8, but/);
    expect(detectCharset(b, { prior: 'cp866' }).charset).toBe('cp866');
  });
});

describe('detectCharset: legacy Cyrillic on paragraph-size records', () => {
  it.each(['cp1251', 'koi8-r', 'cp866'] as const)('Russian in %s', (cs) => {
    for (const leader09 of [' ', 'a', undefined]) {
      const d = detectCharset(record(RUSSIAN.map(dashless), cs), leader09 === undefined ? {} : { leader09 });
      expect(d.charset).toBe(cs);
      expect(d.confidence).toBe('likely');
      expect(d.reason.length).toBeGreaterThan(20);
    }
  });

  it.each(['rk1048', 'pt154'] as const)('Russian in %s reads the same as cp1251: cp1251 is chosen and the tie is named', (cs) => {
    const b = record(RUSSIAN, cs);
    const d = detectCharset(b);
    expect(d.charset).toBe('cp1251');
    expect(d.reason).toMatch(new RegExp(`${cs}.*identically`));
    expect(decode(b, 0, b.length, d.charset).text).toBe(decode(b, 0, b.length, cs).text);
    // with the file's charset known, it is kept
    expect(detectCharset(b, { prior: cs }).charset).toBe(cs);
  });

  it.each(['rk1048', 'pt154'] as const)('Kazakh in %s', (cs) => {
    const d = detectCharset(record([...KAZAKH, ...RUSSIAN], cs), { leader09: ' ' });
    expect(d).toMatchObject({ charset: cs, confidence: 'likely' });
  });

  it('Kazakh in UTF-8', () => {
    expect(detectCharset(record(KAZAKH, 'utf-8')).charset).toBe('utf-8');
  });

  it('all-caps Russian in cp1251 and koi8-r (the case-swap pair)', () => {
    const caps = RUSSIAN.map((t) => t.toUpperCase());
    expect(detectCharset(record(caps, 'cp1251')).charset).toBe('cp1251');
    expect(detectCharset(record(caps, 'koi8-r')).charset).toBe('koi8-r');
  });

  it('Ukrainian in cp1251 is not mistaken for Kazakh (є ї read as ғ ү in rk1048)', () => {
    expect(detectCharset(record(UKRAINIAN, 'cp1251')).charset).toBe('cp1251');
  });

  it('cp1251 text whose only bytes Kazakh sets read as Kazakh letters are Ukrainian ґ or signs (± µ) stays cp1251, alone in its file', () => {
    // rk1048 reads ґ/Ґ as ө/Ө, pt154 reads ± µ є as ұ ө ә: none of them is evidence of Kazakh text.
    for (const text of ['Москва: Изд-во «Наука», 1985. — 320 с. — № 5 (±)', 'Ґрунти України: їх ґенеза', 'Точность ±0,5 мм; масса 20 µг', 'Українська ґрунтознавство: єдність і їжа. Ґанок']) {
      const d = detectCharset(record([text], 'cp1251'));
      expect(d.charset, text).toBe('cp1251');
      expect(decode(record([text], 'cp1251'), 0, record([text], 'cp1251').length, d.charset).text, text).toContain(text);
    }
  });

  it('Kazakh text with a letter only Kazakh sets have (Қ ә ң …) is still found in rk1048 and pt154', () => {
    const text = 'Қазақ әдебиеті және өнер тарихы';
    expect(detectCharset(record([text], 'rk1048')).charset).toBe('rk1048');
    expect(detectCharset(record([text], 'pt154')).charset).toBe('pt154');
  });

  it('Western text falls back to latin1, also with a blank leader/09', () => {
    for (const leader09 of [' ', 'a']) {
      const d = detectCharset(record(WESTERN, 'latin1'), { leader09 });
      expect(d).toMatchObject({ charset: 'latin1', confidence: 'likely' });
      expect(d.reason).toMatch(/Latin-1/);
    }
  });

  it('says when leader/09 claims UTF-8 but the bytes are cp1251', () => {
    const d = detectCharset(record(RUSSIAN, 'cp1251', 'a'), { leader09: 'a' });
    expect(d.charset).toBe('cp1251');
    expect(d.reason).toMatch(/not valid UTF-8.*leader\/09 'a' \(UTF-8\) is wrong/);
  });
});

describe('detectCharset: title-size records', () => {
  const TITLES: [string, CharsetName[]][] = [
    ['Абай жолы', ['cp1251', 'koi8-r', 'cp866', 'rk1048', 'pt154']],
    ['Москва', ['cp1251', 'koi8-r', 'cp866', 'rk1048', 'pt154']],
    ['Тарих', ['cp1251', 'koi8-r', 'cp866', 'rk1048', 'pt154']],
    ['Мектеп', ['cp1251', 'koi8-r', 'cp866', 'rk1048', 'pt154']],
    ['Ёлки', ['cp1251', 'koi8-r', 'cp866', 'rk1048', 'pt154']],
    ['Қазақстан', ['rk1048', 'pt154']],
    ['Қазақ', ['rk1048', 'pt154']],
    ['ӘЛЕМ', ['rk1048', 'pt154']],
    ['Өнер', ['rk1048', 'pt154']],
  ];

  it.each(TITLES)('%s: detected as the file charset when prior is given', (title, sets) => {
    for (const cs of sets) {
      const d = detectCharset(record([title], cs), { prior: cs, leader09: ' ' });
      expect(d.charset, `${title} in ${cs}: ${d.reason}`).toBe(cs);
    }
  });

  it('without prior, short Russian titles are told apart in cp1251, koi8-r and cp866', () => {
    for (const title of ['Абай жолы', 'Москва', 'Тарих', 'Мектеп']) {
      for (const cs of ['cp1251', 'koi8-r', 'cp866'] as const) {
        const d = detectCharset(record([title], cs));
        expect(d.charset, `${title} in ${cs}: ${d.reason}`).toBe(cs);
      }
    }
  });

  it('without prior, short Kazakh titles are rk1048 (pt154 reads them the same or is named)', () => {
    for (const title of ['Қазақстан', 'Қазақ']) {
      const d = detectCharset(record([title], 'rk1048'));
      expect(d.charset).toBe('rk1048');
    }
  });

  it('prior overrides a near-tie on a short record', () => {
    // "ӘЛЕМ" in rk1048 also reads as the plausible koi8-r word "ёкел"
    const b = record(['ӘЛЕМ'], 'rk1048');
    expect(detectCharset(b, { prior: 'rk1048' }).charset).toBe('rk1048');
    expect(detectCharset(b).confidence).toBe('guess');
  });

  it('prior does not override clear evidence', () => {
    const d = detectCharset(record(KAZAKH, 'rk1048'), { prior: 'cp1251' });
    expect(d.charset).toBe('rk1048');
    const r = detectCharset(record(RUSSIAN, 'koi8-r'), { prior: 'cp1251' });
    expect(r.charset).toBe('koi8-r');
  });
});
