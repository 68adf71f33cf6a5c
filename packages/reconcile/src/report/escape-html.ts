const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Characters a page should not carry: C0 controls but tab, newline and return, and lone surrogates.
const UNSHOWABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]/gu;

/**
 * Text (or a number) made safe for HTML text and double- or single-quoted
 * attribute values: `& < > " '` become entities, control characters left by a
 * broken export become U+FFFD. Every piece of data on the report page goes
 * through here.
 */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(UNSHOWABLE, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
