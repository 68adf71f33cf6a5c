/** A whole number with thin groups of three, as Russian and Kazakh texts write them: 12 010. */
export function countText(n: number): string {
  if (!Number.isInteger(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(?:\d{3})+$)/g, '\u202f');
}

/** An amount in tiyn as tenge: 149977439 → "1 499 774,39 ₸". */
export function tiynText(tiyn: number): string {
  if (!Number.isInteger(tiyn)) return String(tiyn);
  const sign = tiyn < 0 ? '-' : '';
  const abs = Math.abs(tiyn);
  return `${sign}${countText(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')} ₸`;
}
