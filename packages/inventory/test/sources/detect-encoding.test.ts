import { describe, expect, it } from 'vitest';
import { encode } from '@kitap/marc';
import { ByteSource } from '../../src/sources/byte-source.js';
import { chooseTextEncoding, detectEncoding, wholeCharacters } from '../../src/sources/detect-encoding.js';
import { chunked, REGISTER, REGISTER_RU, toCsv } from './helpers.js';

describe('detectEncoding', () => {
  it('names the evidence in its note', () => {
    const kz = detectEncoding(encode(toCsv(REGISTER), 'rk1048'), true);
    expect(kz.charset).toBe('rk1048');
    expect(kz.note).toMatch(/^encoding rk1048 detected from the whole file \(\d+ bytes\): \d+ Cyrillic letters, \d+ of them Kazakh$/);
    const ru = detectEncoding(encode(toCsv(REGISTER_RU), 'cp866'), true);
    expect(ru).toMatchObject({ charset: 'cp866', note: expect.stringMatching(/no Kazakh letters/) });
  });

  it('reads KOI-8 too', () => {
    const text = toCsv(REGISTER_RU).replaceAll('№', 'N');
    expect(detectEncoding(encode(text, 'koi8-r'), true).charset).toBe('koi8-r');
  });

  it('assumes UTF-8 for plain ASCII and says that later rows may tell otherwise', () => {
    const d = detectEncoding(Buffer.from('48213;Abai zholy;1987\n'), true);
    expect(d.charset).toBe('utf-8');
    expect(d.note).toMatch(/plain ASCII/);
  });

  it('does not cut a UTF-8 character in two at the end of the sample', () => {
    const bytes = Buffer.from('Абай', 'utf8'); // 8 bytes
    expect(wholeCharacters(bytes.subarray(0, 7), false)).toEqual(bytes.subarray(0, 6));
    expect(wholeCharacters(Buffer.from('Абай\nжолы', 'utf8'), false).toString()).toBe('Абай\n');
    expect(wholeCharacters(bytes.subarray(0, 7), true)).toHaveLength(7);
  });
});

describe('chooseTextEncoding', () => {
  it('looks past a plain-ASCII beginning (up to 1 MiB) for the first Cyrillic bytes', async () => {
    const ascii = '60000;Abai;1987;1 200,00\n'.repeat(4000); // about 100 KB
    const bytes = Buffer.concat([Buffer.from(ascii), encode(toCsv(REGISTER_RU), 'cp1251'), Buffer.from(ascii.repeat(5))]);
    const choice = await chooseTextEncoding('x.csv', new ByteSource(chunked(bytes, 8192)), undefined);
    expect(choice).toMatchObject({ charset: 'cp1251', source: 'detected' });
    expect(choice.note).toMatch(/the first 256 KiB/);
  });

  it('keeps a given encoding and notes a byte-order mark that contradicts it', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('48213;Абай жолы\n')]);
    const choice = await chooseTextEncoding('x.csv', new ByteSource(chunked(bytes, 4)), 'cp1251');
    expect(choice).toMatchObject({ charset: 'cp1251', source: 'given', bomLength: 0 });
    expect(choice.note).toMatch(/byte-order mark/);
  });
});
