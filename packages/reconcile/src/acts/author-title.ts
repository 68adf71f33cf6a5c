/**
 * Paper forms print author and title in one column («Автор, заглавие»):
 * «Мұқанов С. Ботакөз», «Толстой Л. Н. Война и мир», «Әуезов М.О. Абай жолы».
 * The heading (surname and initials) is taken off the front when it is
 * there; otherwise the whole text is the title.
 */

// A surname (capitalised, possibly double: «Салтыков-Щедрин»), then one or two initials.
const HEADING = /^(\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?,?\s+\p{Lu}\.\s*(?:\p{Lu}\.)?)\s*(.+)$/u;

/** The author heading and the title of a combined «Автор, заглавие» cell. */
export function splitAuthorTitle(text: string): { author?: string; title?: string } {
  const s = text.trim().replace(/\s+/gu, ' ');
  if (s === '') return {};
  const m = HEADING.exec(s);
  if (!m) return { title: s };
  return { author: m[1]!.replace(/,/u, '').trim(), title: m[2]!.trim() };
}
