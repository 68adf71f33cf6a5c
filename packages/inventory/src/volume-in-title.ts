// «Т. 3», «Том 3», «Кн. 2», «Ч. 1», «Вып. 5», «1-кітап», «3-т.», «2-бөлім» at the end of a title.
const WORDS = 'т|том|кн|книга|кітап|ч|часть|бөлім|вып|выпуск|шығ|шығарылым';
const NUMBER_AFTER = new RegExp(`(?:^|[\\s.,:;])((?:${WORDS})\\.?\\s*(\\d{1,3}))$`, 'iu');
const NUMBER_BEFORE = new RegExp(`(?:^|[\\s.,:;])((\\d{1,3})\\s*-?\\s*(?:${WORDS})\\.?)$`, 'iu');

/**
 * The volume or part a 1C title names at its end («Көшпенділер: тарихи
 * трилогия. 3-т.», «Путь Абая. Кн. 2», «Война и мир: роман в 4 т. Т. 2») and
 * the title without it. A catalog keeps that in 245 $n (200 $h); dedup tells
 * volumes of a set apart by it, so an export row must not hide it in its title.
 */
export function volumeInTitle(title: string): { title: string; volume?: string } {
  const trimmed = title.replace(/[\s.,;:]+$/u, (m) => (m.includes('.') ? '.' : '')).trim();
  const m = NUMBER_AFTER.exec(trimmed) ?? NUMBER_BEFORE.exec(trimmed);
  if (!m) return { title };
  const rest = trimmed.slice(0, m.index).replace(/[\s.,:;]+$/u, '').trim();
  if (rest === '') return { title };
  return { title: rest, volume: m[1]!.trim() };
}
