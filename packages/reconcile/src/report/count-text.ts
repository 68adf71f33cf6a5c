/** A count as the page prints it: thousands grouped with a space, as Kazakh reports write them (23 710). */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  return `${sign}${String(Math.abs(Math.trunc(n))).replace(/\B(?=(?:\d{3})+$)/g, ' ')}`;
}
