/**
 * A 32-bit hash of a text (FNV-1a, with a final mix). Keys are grouped by it
 * and then compared as text, so a collision costs a comparison, never a
 * wrong group; 32 bits keep the keys in memory small (a million keys give a
 * few hundred colliding pairs at most).
 */
export function keyHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
