import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CopyRow, type EditionData, editionKeys, restoreLostLetters } from '../src/index.js';
import { groupStage } from '../src/group-stage.js';
import { JobStore } from '../src/job-store.js';
import { mergedEdition } from '../src/merged-edition.js';
import { volumeInTitle } from '../src/volume-in-title.js';

/** Groups rows (edition data in export order) the way the job does and returns each row's edition number. */
function group(editions: EditionData[]): number[] {
  const { store } = JobStore.open(join(mkdtempSync(join(tmpdir(), 'kitap-editions-')), 'job.sqlite'), 'test');
  const insert = store.db.prepare("INSERT INTO rows(line, kind, copies, money, lossy, precise, isbn) VALUES (?, 'copies', 1, 0, ?, ?, ?)");
  editions.forEach((e, i) => {
    const k = editionKeys(e);
    insert.run(i + 1, k.lossy, k.precise, k.isbn ?? null);
  });
  groupStage(store);
  const out = store.db.prepare<[], { edition: number }>('SELECT edition FROM row_editions ORDER BY line').all().map((r) => r.edition);
  store.close();
  return out;
}

describe('grouping rows into editions', () => {
  it('puts retypings of one edition together: subtitle or not, initials, ISBN hyphens, look-alike Kazakh letters', () => {
    expect(
      group([
        { title: 'Абай жолы : роман-эпопея', author: 'Әуезов, Мұхтар', year: 1987, isbn: '5-605-00123-5' },
        { title: 'Абай жолы', author: 'Әуезов М.', year: 1987, isbn: '5605001235' },
        { title: 'АБАЙ ЖОЛЫ', author: 'Ауезов М.', year: 1987 },
      ]),
    ).toEqual([1, 1, 1]);
  });

  it('keeps different years, volumes and ISBNs apart', () => {
    expect(
      group([
        { title: 'Абай жолы', author: 'Әуезов М.', year: 1987 },
        { title: 'Абай жолы', author: 'Әуезов М.', year: 2004 },
        { title: 'Абай жолы', author: 'Әуезов М.', year: 1987, volume: '2-кітап' },
        { title: 'Абай жолы', author: 'Әуезов М.', year: 1987, volume: 'Кн. 2' },
        { title: 'Қан мен тер', author: 'Нұрпейісов Ә.', year: 1994, isbn: '978-601-03-0193-7' },
        { title: 'Қан мен тер', author: 'Нұрпейісов Ә.', year: 1994, isbn: '978-601-03-0184-5' },
      ]),
    ).toEqual([1, 2, 3, 3, 4, 5]);
  });

  it('joins a row whose Kazakh letters were lost as «?» to the edition it matches letter for letter, in either order', () => {
    expect(
      group([
        { title: '?аза? хал?ы', author: '?уезов М.', year: 2001 },
        { title: 'Қазақ халқы', author: 'Әуезов М.', year: 2001 },
        { title: '?аза? хал?ы', author: '?уезов М.', year: 2001 },
        { title: '?аза? тілі', author: '?уезов М.', year: 2001 },
      ]),
    ).toEqual([1, 1, 1, 2]);
  });
});

describe('edition helpers', () => {
  it('volumeInTitle finds the volume at the end of a title in the ways operators type it', () => {
    expect(volumeInTitle('Путь Абая. Кн. 2')).toEqual({ title: 'Путь Абая', volume: 'Кн. 2' });
    expect(volumeInTitle('Қан мен тер: трилогия. 2-кітап')).toEqual({ title: 'Қан мен тер: трилогия', volume: '2-кітап' });
    expect(volumeInTitle('Война и мир: роман в 4 т. Т. 2')).toEqual({ title: 'Война и мир: роман в 4 т', volume: 'Т. 2' });
    expect(volumeInTitle('1001 ночь')).toEqual({ title: '1001 ночь' });
    expect(volumeInTitle('Т. 3')).toEqual({ title: 'Т. 3' });
  });

  it('mergedEdition takes the text of a clean row and fills empty fields from the others', () => {
    const rows = [
      { lostLetters: 2, edition: { title: '?аза? хал?ы', year: 2001 } },
      { lostLetters: 0, edition: { title: 'Қазақ халқы', author: 'Әуезов М.' } },
      { lostLetters: 0, edition: { title: 'Қазақ халқы', isbn: '9965-35-012-3', publisher: 'Жазушы' } },
    ] as Pick<CopyRow, 'edition' | 'lostLetters'>[];
    expect(mergedEdition(rows)).toEqual({ title: 'Қазақ халқы', author: 'Әуезов М.', year: 2001, isbn: '9965-35-012-3', publisher: 'Жазушы' });
  });

  it('restoreLostLetters puts back letters from the catalog record it is compared with', () => {
    expect(restoreLostLetters('?аза? хал?ы : тарих', 'Қазақ халқы : тарихи очерк')).toEqual({ text: 'Қазақ халқы : тарих', restored: 3 });
    expect(restoreLostLetters('Абай жолы', 'Абай жолы')).toEqual({ text: 'Абай жолы', restored: 0 });
    expect(restoreLostLetters('?аза? хал?ы', 'Орыс халқы')).toEqual({ text: '?аза? халқы', restored: 1 });
  });
});
