/**
 * The subject groups (отрасли знаний) of the annual report's fund tables:
 * ОПЛ (social and political literature, and everything else), ЕН (natural
 * sciences and medicine), Техника, С/х (agriculture), Искусство/Спорт,
 * Филология, Художественная литература. The order is the report's column order.
 */
export const SUBJECT_GROUPS = ['opl', 'en', 'tech', 'agri', 'arts_sport', 'philology', 'fiction'] as const;

/** One of SUBJECT_GROUPS. */
export type SubjectGroup = (typeof SUBJECT_GROUPS)[number];

/** True when the value is one of SUBJECT_GROUPS (for values that come from JSON or JS callers). */
export function isSubjectGroup(value: unknown): value is SubjectGroup {
  return typeof value === 'string' && (SUBJECT_GROUPS as readonly string[]).includes(value);
}
